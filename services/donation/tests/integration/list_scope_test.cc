// Lists hold only what the caller may see: the caller's units are part of the query, before its
// LIMIT, so no page is empty while more follow and no page token names another unit's record.

#include "donation_fixture.h"

namespace vnn::testing {
namespace {

namespace v1 = donation::v1;

class DonationListScopeTest : public DonationFixture {
 protected:
  std::vector<std::int64_t> list_all(const std::string& bearer, int page_size) {
    std::vector<std::int64_t> ids;
    v1::ListDonationsRequest request;
    request.set_campaign_id(campaign_);
    request.mutable_page()->set_page_size(page_size);
    for (int pages = 0; pages < 20; ++pages) {
      v1::ListDonationsResponse response;
      const auto status = stub_->ListDonations(as(bearer).get(), request, &response);
      EXPECT_TRUE(status.ok()) << status.error_message();
      if (!status.ok()) break;
      for (const auto& d : response.donations()) ids.push_back(d.id());
      if (response.page().next_page_token().empty()) break;
      EXPECT_GT(response.donations_size(), 0) << "an empty page with a next-page token";
      request.mutable_page()->set_page_token(response.page().next_page_token());
    }
    return ids;
  }
};

TEST_F(DonationListScopeTest, ACommuneListingOnePerPageGetsOnlyItsFundsAndNoEmptyPage) {
  std::vector<std::int64_t> district_ids, commune_ids;
  for (int i = 0; i < 4; ++i) {
    auto request = cash(100'000 + i, "list-scope-" + suffix_ + "-" + std::to_string(i));
    const bool commune = i == 0 || i == 3;
    if (commune) request.set_fund_id(commune_fund_);
    v1::Donation out;
    const auto status = record(request, &out);
    ASSERT_TRUE(status.ok()) << status.error_message();
    (commune ? commune_ids : district_ids).push_back(out.id());
  }
  const auto phu_tuc = token(Role::kCommuneOfficer, {"26242"});
  EXPECT_EQ(list_all(phu_tuc, 1), commune_ids);
  // Phú Cường, beside it, sees none; the district and an auditor see all four.
  EXPECT_TRUE(list_all(token(Role::kCommuneOfficer, {"26236"}), 1).empty());
  EXPECT_EQ(list_all(district(), 1).size(), 4u);
  EXPECT_EQ(list_all(token(Role::kAuditor), 3).size(), 4u);
}

}  // namespace
}  // namespace vnn::testing
