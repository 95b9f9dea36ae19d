// Public disclosure of a fund, read with the public role: both sides, paged, with totals, and no
// personal data in any field of any entry — checked field by field with protobuf reflection
// against what the scenario planted: a donor whose name carries a phone number, another with an
// e-mail address, households registered with full names and citizen ids.

#include <google/protobuf/descriptor.h>
#include <google/protobuf/reflection.h>

#include <cctype>
#include <thread>

#include "reporting_fixture.h"

namespace vnn::testing {
namespace {

namespace av1 = allocation::v1;
namespace dv1 = donation::v1;
namespace rv1 = reporting::v1;
using namespace std::chrono_literals;

constexpr const char* kPhone = "0912345678";
constexpr const char* kAddress = "ketoan@hungthinh.vn";

// Every string and integer in a message and the messages inside it.
void walk(const google::protobuf::Message& m, std::vector<std::string>& strings,
          std::vector<std::int64_t>& numbers) {
  const auto* reflection = m.GetReflection();
  std::vector<const google::protobuf::FieldDescriptor*> fields;
  reflection->ListFields(m, &fields);
  using F = google::protobuf::FieldDescriptor;
  for (const auto* f : fields) {
    const int n = f->is_repeated() ? reflection->FieldSize(m, f) : 1;
    for (int i = 0; i < n; ++i) {
      const bool rep = f->is_repeated();
      switch (f->cpp_type()) {
        case F::CPPTYPE_STRING:
          strings.push_back(rep ? reflection->GetRepeatedString(m, f, i)
                                : reflection->GetString(m, f));
          break;
        case F::CPPTYPE_MESSAGE:
          walk(rep ? reflection->GetRepeatedMessage(m, f, i) : reflection->GetMessage(m, f),
               strings, numbers);
          break;
        case F::CPPTYPE_INT64:
          numbers.push_back(rep ? reflection->GetRepeatedInt64(m, f, i)
                                : reflection->GetInt64(m, f));
          break;
        case F::CPPTYPE_INT32:
          numbers.push_back(rep ? reflection->GetRepeatedInt32(m, f, i)
                                : reflection->GetInt32(m, f));
          break;
        default:
          break;
      }
    }
  }
}

// The longest run of digits, counting across the separators numbers are written with.
int longest_digit_run(const std::string& text) {
  int longest = 0, run = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c >= '0' && c <= '9') {
      longest = std::max(longest, ++run);
    } else if (!((c == ' ' || c == '.' || c == '-' || c == '/') && run > 0)) {
      run = 0;
    }
  }
  return longest;
}

// An e-mail address: an "@" between letters or digits (a masked one reads "***@***").
bool has_address(const std::string& text) {
  const auto word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; };
  for (std::size_t at = text.find('@'); at != std::string::npos; at = text.find('@', at + 1)) {
    if (at > 0 && at + 1 < text.size() && word(text[at - 1]) && word(text[at + 1])) return true;
  }
  return false;
}

class DisclosureTest : public ReportingFixture {
 protected:
  std::int64_t give(const std::string& name, dv1::DonorKind kind, const std::string& phone,
                    std::int64_t dong) {
    dv1::RecordDonationRequest r;
    r.set_request_id(request_id("gift"));
    r.set_campaign_id(campaign_);
    r.set_fund_id(commune_fund());
    r.mutable_donor()->set_kind(kind);
    r.mutable_donor()->set_name(name);
    r.mutable_donor()->set_phone(phone);
    r.set_channel(dv1::CHANNEL_CASH);
    r.mutable_amount()->set_dong(dong);
    r.set_note("Chuyển qua STK 19035678901234, liên hệ " + std::string(kPhone));
    r.mutable_received_on()->set_year(2024);
    r.mutable_received_on()->set_month(3);
    r.mutable_received_on()->set_day(7);
    dv1::Donation out;
    const auto status = donations_->RecordDonation(client_context(district()).get(), r, &out);
    EXPECT_TRUE(status.ok()) << "gift of " << name << ": " << status.error_message();
    return out.id();
  }

  grpc::Status disclose(rv1::DisclosureSide side, rv1::Disclosure* out, int page_size = 0,
                        const std::string& token = {}, const std::string& unit = {},
                        const std::string& fund = {}) const {
    rv1::GetDisclosureRequest r;
    r.set_fund_id(fund.empty() ? commune_fund() : fund);
    r.set_campaign_id(campaign_);
    r.set_side(side);
    r.set_unit_code(unit);
    r.mutable_page()->set_page_size(page_size);
    r.mutable_page()->set_page_token(token);
    return reporting_->GetDisclosure(client_context(public_bearer()).get(), r, out);
  }

  // Every page of one side, as the public reads it.
  std::vector<rv1::Disclosure> all_pages(rv1::DisclosureSide side, int page_size) const {
    std::vector<rv1::Disclosure> pages;
    std::string token;
    do {
      rv1::Disclosure page;
      const auto status = disclose(side, &page, page_size, token);
      EXPECT_TRUE(status.ok()) << status.error_message();
      if (!status.ok()) break;
      token = page.page().next_page_token();
      pages.push_back(std::move(page));
    } while (!token.empty() && pages.size() < 100);
    return pages;
  }
};

TEST_F(DisclosureTest, BothSidesWithoutPersonalData) {
  give("Trần Thị Bích 0912 345 678", dv1::DONOR_KIND_INDIVIDUAL, kPhone, 3'000'000);
  give(std::string("Công ty TNHH Hưng Thịnh (") + kAddress + ")", dv1::DONOR_KIND_BUSINESS,
       "0903000222", 2'000'000);
  give("", dv1::DONOR_KIND_ANONYMOUS, "", 1'000'000);
  const auto mistaken = give("Lê Văn Cường", dv1::DONOR_KIND_INDIVIDUAL, "0977000444", 4'000'000);
  ASSERT_GT(mistaken, 0);
  ASSERT_TRUE(reverse(mistaken).ok());
  wait_for_net_received(commune_fund(), 6'000'000);

  const auto households = approved_households(kPhuTuc, 2);
  ASSERT_EQ(households.size(), 2u);
  const auto food =
      approved_support(households[0], av1::SUPPORT_KIND_FOOD_AND_GIFTS, commune_fund(), 500'000);
  const auto repair =
      approved_support(households[1], av1::SUPPORT_KIND_HOUSE_REPAIR, commune_fund(), 700'000);
  ASSERT_GT(food.id(), 0);
  ASSERT_GT(repair.id(), 0);
  ASSERT_TRUE(disburse(food.id()).ok());
  ASSERT_TRUE(disburse(repair.id()).ok());

  // What must never reach the public: the households' full names as registered.
  std::vector<std::string> full_names;
  for (const auto id : households) {
    full_names.push_back(household_scalar(
        "SELECT full_name FROM person WHERE ordinal = 0 AND household_id = " + std::to_string(id)));
    ASSERT_FALSE(full_names.back().empty());
  }

  // Wait for both sides and the fund's totals to arrive.
  const auto until = std::chrono::steady_clock::now() + 20s;
  for (;;) {
    rv1::Disclosure used, received;
    ASSERT_TRUE(disclose(rv1::DISCLOSURE_SIDE_USED, &used).ok());
    ASSERT_TRUE(disclose(rv1::DISCLOSURE_SIDE_RECEIVED, &received).ok());
    if (used.used_size() == 2 && received.received_size() == 4 &&
        used.total_used().dong() == 1'200'000 && used.total_received().dong() == 6'000'000) {
      break;
    }
    ASSERT_LT(std::chrono::steady_clock::now(), until)
        << "disclosure did not catch up: " << used.ShortDebugString() << " / "
        << received.ShortDebugString();
    std::this_thread::sleep_for(100ms);
  }

  // Received, two entries a page.
  const auto received_pages = all_pages(rv1::DISCLOSURE_SIDE_RECEIVED, 2);
  ASSERT_EQ(received_pages.size(), 2u);
  std::vector<rv1::ReceivedEntry> received;
  for (const auto& page : received_pages) {
    EXPECT_EQ(page.fund_id(), commune_fund());
    EXPECT_EQ(page.side(), rv1::DISCLOSURE_SIDE_RECEIVED);
    EXPECT_EQ(page.total_received().dong(), 6'000'000);
    EXPECT_EQ(page.total_used().dong(), 1'200'000);
    EXPECT_EQ(page.balance().dong(), 4'800'000);
    EXPECT_EQ(page.used_size(), 0);
    for (const auto& e : page.received()) received.push_back(e);
  }
  ASSERT_EQ(received.size(), 4u);
  EXPECT_EQ(received[0].donor(), "Trần Thị Bích ***");
  EXPECT_EQ(received[1].donor(), "Công ty TNHH Hưng Thịnh (***@***)");
  EXPECT_EQ(received[2].donor(), "Nhà hảo tâm ẩn danh");
  EXPECT_EQ(received[3].donor(), "Lê Văn Cường");
  EXPECT_EQ(received[0].channel(), "Tiền mặt");
  EXPECT_EQ(received[0].amount().dong(), 3'000'000);
  EXPECT_EQ(received[0].on().year(), 2024);
  EXPECT_EQ(received[0].on().day(), 7);
  EXPECT_FALSE(received[0].reversed());
  EXPECT_TRUE(received[3].reversed());

  // Used: the households by masked name and commune, the kind in Vietnamese.
  const auto used_pages = all_pages(rv1::DISCLOSURE_SIDE_USED, 1);
  ASSERT_EQ(used_pages.size(), 2u);
  std::vector<rv1::UsedEntry> used;
  for (const auto& page : used_pages) {
    for (const auto& e : page.used()) used.push_back(e);
  }
  ASSERT_EQ(used.size(), 2u);
  EXPECT_EQ(used[0].kind(), "Lương thực, quà");
  EXPECT_EQ(used[1].kind(), "Sửa chữa nhà");
  for (const auto& e : used) {
    EXPECT_EQ(e.unit_code(), kPhuTuc);
    EXPECT_FALSE(e.unit_name().empty());
    EXPECT_FALSE(e.household().empty());
    EXPECT_TRUE(e.has_on());
  }
  EXPECT_EQ(used[0].amount().dong() + used[1].amount().dong(), 1'200'000);

  // No personal data in any field of any entry of either side, nor in the pages around them.
  std::vector<std::string> strings;
  std::vector<std::int64_t> numbers;
  // The page token (opaque, signed) and the freshness (an event's id) are not about anyone.
  for (auto page : received_pages) {
    page.clear_page();
    page.clear_freshness();
    walk(page, strings, numbers);
  }
  for (auto page : used_pages) {
    page.clear_page();
    page.clear_freshness();
    walk(page, strings, numbers);
  }
  ASSERT_GT(strings.size(), 20u);
  for (const auto& s : strings) {
    if (s == commune_fund()) continue;  // the fund's own reference
    EXPECT_LT(longest_digit_run(s), 6) << "a phone, citizen id or account number in «" << s << "»";
    EXPECT_FALSE(has_address(s)) << "an e-mail address in «" << s << "»";
    EXPECT_EQ(s.find("STK"), std::string::npos) << "a note in «" << s << "»";
    for (const auto& name : full_names) {
      EXPECT_EQ(s.find(name), std::string::npos) << "a household's full name in «" << s << "»";
    }
  }
  for (const auto n : numbers) EXPECT_NE(n, 912345678) << "the donor's phone as a number";

  // The used side of one commune only; another commune has none here.
  rv1::Disclosure other;
  ASSERT_TRUE(disclose(rv1::DISCLOSURE_SIDE_USED, &other, 0, {}, kPhuCuong).ok());
  EXPECT_EQ(other.used_size(), 0);
  ASSERT_TRUE(disclose(rv1::DISCLOSURE_SIDE_USED, &other, 0, {}, kPhuTuc).ok());
  EXPECT_EQ(other.used_size(), 2);

  // A fund nobody knows; a page token of another query.
  EXPECT_EQ(disclose(rv1::DISCLOSURE_SIDE_RECEIVED, &other, 0, {}, {}, "QUY-KHONG-CO").error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(
      disclose(rv1::DISCLOSURE_SIDE_USED, &other, 2, received_pages[0].page().next_page_token())
          .error_code(),
      grpc::StatusCode::INVALID_ARGUMENT);
  // The public sees the disclosure and nothing else.
  Progress progress_out;
  EXPECT_EQ(
      progress({}, kPhuTuc, reporting::v1::UNIT_VIEW_AS_OF_THEN, &progress_out, public_bearer())
          .error_code(),
      grpc::StatusCode::PERMISSION_DENIED);
}

}  // namespace
}  // namespace vnn::testing
