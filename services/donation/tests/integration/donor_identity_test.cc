// Who a gift is booked to: an identifier finds a donor only when the kind and the name agree,
// a phone alone never merges two people, and a conflict is refused without naming the other
// donor.

#include <random>

#include "donation_fixture.h"

namespace vnn::testing {
namespace {

namespace v1 = donation::v1;
using grpc::StatusCode;

class DonorIdentityTest : public DonationFixture {
 protected:
  // A mobile number no other test uses.
  static std::string phone() {
    static std::mt19937 random{std::random_device{}()};
    return "09" + std::to_string(10'000'000 + random() % 89'999'999);
  }

  // A valid business tax code no other test uses (ten digits, the last checking the others).
  static std::string tax_code() {
    static std::mt19937 random{std::random_device{}()};
    constexpr int kWeights[9] = {31, 29, 23, 19, 17, 13, 7, 5, 3};
    for (;;) {
      std::string digits = "03" + std::to_string(1'000'000 + random() % 8'999'999);
      int sum = 0;
      for (int i = 0; i < 9; ++i) sum += kWeights[i] * (digits[static_cast<std::size_t>(i)] - '0');
      if (sum % 11 == 0) continue;
      return digits + std::to_string(10 - sum % 11);
    }
  }

  v1::Receipt receipt_of(const v1::Donation& donation) {
    v1::GetReceiptRequest request;
    *request.mutable_receipt() = donation.receipt();
    v1::Receipt receipt;
    auto status = stub_->GetReceipt(as(district()).get(), request, &receipt);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return receipt;
  }
};

TEST_F(DonorIdentityTest, AGiftWithAPhoneOnFileForAnotherNameIsBookedToANewDonor) {
  const std::string shared_phone = phone();
  auto from_a = cash(300'000, "a-" + suffix_);
  from_a.mutable_donor()->set_name("Nguyễn Thị A");
  from_a.mutable_donor()->set_phone(shared_phone);
  v1::Donation a;
  ASSERT_TRUE(record(from_a, &a).ok());

  // Her husband gives in cash with the family's phone.
  auto from_b = cash(500'000, "b-" + suffix_);
  from_b.mutable_donor()->set_name("Trần Văn B");
  from_b.mutable_donor()->set_phone(shared_phone);
  v1::Donation b;
  auto status = record(from_b, &b);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_NE(b.donor().id(), a.donor().id());
  EXPECT_EQ(b.donor().name(), "Trần Văn B");
  EXPECT_EQ(receipt_of(b).donor_name(), "Trần Văn B");
  EXPECT_EQ(receipt_of(a).donor_name(), "Nguyễn Thị A");

  // The same phone and the same name, typed another way, is the same person.
  auto again = cash(100'000, "a-again-" + suffix_);
  again.mutable_donor()->set_name("  nguyen  thi a ");
  again.mutable_donor()->set_phone(shared_phone);
  v1::Donation c;
  ASSERT_TRUE(record(again, &c).ok());
  EXPECT_EQ(c.donor().id(), a.donor().id());
  EXPECT_EQ(receipt_of(c).donor_name(), "Nguyễn Thị A");
}

TEST_F(DonorIdentityTest, ATaxCodeOnFileForAnotherNameIsRefusedWithoutNamingTheOtherDonor) {
  const std::string code = tax_code();
  auto first = cash(5'000'000, "company-" + suffix_);
  first.mutable_donor()->set_kind(v1::DONOR_KIND_BUSINESS);
  first.mutable_donor()->set_name("Công ty TNHH Đồng Tâm");
  first.mutable_donor()->set_tax_code(code);
  first.mutable_donor()->set_phone(phone());
  v1::Donation known;
  ASSERT_TRUE(record(first, &known).ok());

  // Another company's name with that tax code: refused, not booked to Đồng Tâm.
  auto other = cash(2'000'000, "other-" + suffix_);
  other.mutable_donor()->set_kind(v1::DONOR_KIND_BUSINESS);
  other.mutable_donor()->set_name("Công ty Cổ phần Minh Phát");
  other.mutable_donor()->set_tax_code(code);
  auto context = as(district());
  v1::Donation refused;
  auto status = stub_->RecordDonation(context.get(), other, &refused);
  EXPECT_EQ(status.error_code(), StatusCode::FAILED_PRECONDITION) << status.error_message();
  EXPECT_EQ(field_of(*context), "donor.tax_code");
  EXPECT_EQ(status.error_message().find("Đồng Tâm"), std::string::npos) << status.error_message();
  EXPECT_EQ(status.error_details().find("Đồng Tâm"), std::string::npos);
  EXPECT_EQ(status.error_message().find(first.donor().phone()), std::string::npos);
  EXPECT_EQ(scalar("SELECT count(*) FROM donation WHERE donor_id = " +
                   std::to_string(known.donor().id())),
            "1");

  // The same kind of donor is also required: a person is not a company.
  auto person = other;
  person.set_request_id("person-" + suffix_);
  person.mutable_donor()->set_kind(v1::DONOR_KIND_INDIVIDUAL);
  person.mutable_donor()->set_name("Công ty TNHH Đồng Tâm");
  EXPECT_EQ(record(person, &refused).error_code(), StatusCode::FAILED_PRECONDITION);

  // The same name without its diacritics, another case and spacing: the same donor, and the
  // answer shows no identifier this caller did not give (the phone on file stays there).
  auto plain = other;
  plain.set_request_id("plain-" + suffix_);
  plain.mutable_donor()->set_name("CONG TY tnhh  dong tam");
  v1::Donation found;
  auto plain_status = record(plain, &found);
  ASSERT_TRUE(plain_status.ok()) << plain_status.error_message();
  EXPECT_EQ(found.donor().id(), known.donor().id());
  EXPECT_EQ(found.donor().phone(), "");
}

TEST_F(DonorIdentityTest, ACitizenIdOnFileForAnotherNameIsRefusedOnTheCallThatCommitsAlone) {
  // A pledge's donations commit on their own: the same rule holds there.
  v1::RecordPledgeRequest pledge;
  pledge.set_request_id("pledge-" + suffix_);
  pledge.set_campaign_id(campaign_);
  pledge.set_fund_id(district_fund_);
  pledge.mutable_donor()->set_kind(v1::DONOR_KIND_INDIVIDUAL);
  pledge.mutable_donor()->set_name("Đỗ Thị Hoa");
  const std::string cid = "0751900" + std::to_string(10'000 + std::random_device{}() % 89'999);
  pledge.mutable_donor()->set_citizen_id(cid);
  pledge.mutable_amount()->set_dong(1'000'000);
  pledge.mutable_pledged_on()->set_year(2024);
  pledge.mutable_pledged_on()->set_month(3);
  pledge.mutable_pledged_on()->set_day(1);
  v1::Pledge made;
  auto status = stub_->RecordPledge(as(district()).get(), pledge, &made);
  ASSERT_TRUE(status.ok()) << status.error_message();

  auto other = cash(700'000, "cid-other-" + suffix_);
  other.mutable_donor()->set_name("Phạm Văn Đức");
  other.mutable_donor()->set_citizen_id(cid);
  auto context = as(district());
  v1::Donation refused;
  status = stub_->RecordDonation(context.get(), other, &refused);
  EXPECT_EQ(status.error_code(), StatusCode::FAILED_PRECONDITION) << status.error_message();
  EXPECT_EQ(field_of(*context), "donor.citizen_id");
  EXPECT_EQ(status.error_message().find("Hoa"), std::string::npos);

  // The pledge's donor, named as on file but with đ typed as d: the pledge is fulfilled.
  auto paying = cash(1'000'000, "cid-pays-" + suffix_);
  paying.set_pledge_id(made.id());
  paying.mutable_donor()->set_name("DO THI HOA");
  paying.mutable_donor()->set_citizen_id(cid);
  v1::Donation paid;
  status = record(paying, &paid);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(paid.donor().id(), made.donor().id());
}

}  // namespace
}  // namespace vnn::testing
