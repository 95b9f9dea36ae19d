// Reads of donors' contact details in clear leave a record (Decree 13/2023); masked reads none.

#include "donation_fixture.h"

namespace vnn::testing {
namespace {

namespace v1 = donation::v1;

using DonorReadAuditTest = DonationFixture;

TEST_F(DonorReadAuditTest, AnOfficersReadOfADonorsPhoneIsRecordedAnOrganisationsMaskedReadIsNot) {
  auto request = cash(250'000, "read-audit-" + suffix_);
  request.mutable_donor()->set_phone("0912 345 678");
  v1::Donation recorded;
  ASSERT_TRUE(record(request, &recorded).ok());
  const auto donor = std::to_string(recorded.donor().id());
  auto reads = [&](const std::string& subject) {
    return scalar(
        "SELECT count(*) FROM personal_data_read WHERE record_kind = 'donor' AND record_id = " +
        donor + " AND subject = '" + subject + "'");
  };

  v1::ListDonationsRequest list;
  list.set_campaign_id(campaign_);
  v1::ListDonationsResponse listed;
  ASSERT_TRUE(stub_
                  ->ListDonations(as(token(Role::kDistrictOffice, {"736"}, {}, "cb-doc")).get(),
                                  list, &listed)
                  .ok());
  ASSERT_EQ(listed.donations_size(), 1);
  EXPECT_EQ(reads("cb-doc"), "1");
  v1::GetDonationRequest get;
  get.set_id(recorded.id());
  v1::Donation seen;
  ASSERT_TRUE(
      stub_->GetDonation(as(token(Role::kAuditor, {}, {}, "kiem-toan")).get(), get, &seen).ok());
  EXPECT_EQ(reads("kiem-toan"), "1");

  // The organisation that mobilised it sees the phone masked: nothing is recorded.
  ASSERT_TRUE(stub_
                  ->GetDonation(as(token(Role::kMemberOrganisation, {}, mobiliser_, "hoi")).get(),
                                get, &seen)
                  .ok());
  EXPECT_NE(seen.donor().phone().find('*'), std::string::npos);
  EXPECT_EQ(reads("hoi"), "0");
}

}  // namespace
}  // namespace vnn::testing
