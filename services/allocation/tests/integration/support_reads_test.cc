// Reading supports and funds within the caller's scope: ListSupports' filters, ListFundBalances,
// ListLedgerPostings and the campaign's totals that the reporting service reconciles with.

#include "support_test_helpers.h"

namespace vnn::testing {
namespace {

namespace av1 = allocation::v1;

class SupportReadsTest : public SupportTest {};

TEST_F(SupportReadsTest, ListsFilterWithinTheCallersScope) {
  const auto tuc = approved_households(kPhuTuc, 2);
  const auto cuong = approved_households(kPhuCuong, 1);
  ASSERT_EQ(tuc.size(), 2u);
  ASSERT_EQ(cuong.size(), 1u);
  donate(district_fund(), 10'000'000);
  wait_for_net_received(district_fund(), 10'000'000);
  const auto gifts =
      approved_support(tuc[0], av1::SUPPORT_KIND_FOOD_AND_GIFTS, district_fund(), 500'000);
  const auto scholarship =
      proposed(support_request(tuc[1], av1::SUPPORT_KIND_SCHOLARSHIP, district_fund(), 1'000'000));
  const auto other = proposed(
      support_request(cuong[0], av1::SUPPORT_KIND_FOOD_AND_GIFTS, district_fund(), 700'000));
  ASSERT_GT(other.id(), 0);

  const std::set<std::int64_t> all{gifts.id(), scholarship.id(), other.id()};
  av1::ListSupportsRequest r;
  r.set_campaign_id(campaign_);
  EXPECT_EQ(listed(district(), r), all);
  EXPECT_EQ(listed(auditor(), r), all);
  EXPECT_EQ(listed(commune(kPhuTuc), r), (std::set<std::int64_t>{gifts.id(), scholarship.id()}));
  EXPECT_EQ(listed(commune(kPhuCuong), r), std::set<std::int64_t>{other.id()});
  r.set_unit_code(kDistrict);
  EXPECT_EQ(listed(district(), r), all);
  r.set_unit_code(kPhuCuong);
  EXPECT_EQ(listed(district(), r), std::set<std::int64_t>{other.id()});
  EXPECT_TRUE(listed(commune(kPhuTuc), r).empty());
  r.clear_unit_code();
  r.set_state(av1::SUPPORT_STATE_APPROVED);
  EXPECT_EQ(listed(district(), r), std::set<std::int64_t>{gifts.id()});
  r.clear_state();
  r.set_kind(av1::SUPPORT_KIND_SCHOLARSHIP);
  EXPECT_EQ(listed(district(), r), std::set<std::int64_t>{scholarship.id()});
  r.clear_kind();
  r.set_household_id(tuc[0]);
  EXPECT_EQ(listed(district(), r), std::set<std::int64_t>{gifts.id()});
  // Pages of one.
  r.clear_household_id();
  r.mutable_page()->set_page_size(1);
  EXPECT_EQ(listed(district(), r), all);

  // Funds: the commune sees its own, the district all three.
  const auto funds_seen = [&](const std::string& bearer) {
    // Every page: the test database keeps other tests' funds too.
    std::set<std::string> ids;
    av1::ListFundBalancesRequest req;
    req.mutable_page()->set_page_size(1000);
    do {
      av1::ListFundBalancesResponse out;
      const auto status = stub_->ListFundBalances(client_context(bearer).get(), req, &out);
      EXPECT_TRUE(status.ok()) << status.error_message();
      if (!status.ok()) break;
      for (const auto& f : out.funds()) ids.insert(f.fund_id());
      req.mutable_page()->set_page_token(out.page().next_page_token());
    } while (!req.page().page_token().empty());
    return ids;
  };
  const auto district_sees = funds_seen(district());
  for (const auto& [unit, fund] : funds_) EXPECT_EQ(district_sees.count(fund), 1u) << unit;
  const auto commune_sees = funds_seen(commune(kPhuTuc));
  EXPECT_EQ(commune_sees.count(commune_fund(kPhuTuc)), 1u);
  EXPECT_EQ(commune_sees.count(commune_fund(kPhuCuong)), 0u);
  EXPECT_EQ(commune_sees.count(district_fund()), 0u);

  // Postings of a fund: its keeper and auditors, not another commune.
  av1::ListLedgerPostingsRequest postings_request;
  postings_request.set_fund_id(district_fund());
  av1::ListLedgerPostingsResponse postings_out;
  EXPECT_TRUE(
      stub_->ListLedgerPostings(client_context(district()).get(), postings_request, &postings_out)
          .ok());
  EXPECT_EQ(postings_out.postings_size(), 2);  // the donation and the reservation
  for (const auto& p : postings_out.postings()) {
    std::int64_t sum = 0;
    for (const auto& e : p.entries()) sum += e.amount_dong();
    EXPECT_EQ(sum, 0) << p.ShortDebugString();
  }
  EXPECT_TRUE(refused(stub_->ListLedgerPostings(client_context(commune(kPhuTuc)).get(),
                                                postings_request, &postings_out),
                      grpc::StatusCode::NOT_FOUND, "NOT_FOUND"));
}

TEST_F(SupportReadsTest, CampaignTotalsAddUpThePostingsAndSupports) {
  const auto households = approved_households(kPhuTuc, 3);
  ASSERT_EQ(households.size(), 3u);
  const auto& fund = district_fund();
  donate(fund, 9'000'000);
  const auto back = donate(fund, 1'000'000);
  ASSERT_TRUE(reverse(back.id()).ok());
  // The net alone is also what the first donation makes before the second and its reversal
  // arrive: wait for the reversal itself.
  wait_for_balance(
      fund,
      [](const av1::FundBalance& b) {
        return b.received().dong() == 10'000'000 && b.reversed().dong() == 1'000'000;
      },
      "the donations and the reversal");
  const auto a =
      approved_support(households[0], av1::SUPPORT_KIND_PRODUCTION_CAPITAL, fund, 5'000'000);
  ASSERT_TRUE(disburse(a.id(), nullptr, {{fund, 4'500'000}}).ok());
  ASSERT_TRUE(complete(a.id()).ok());
  const auto b = approved_support(households[1], av1::SUPPORT_KIND_FOOD_AND_GIFTS, fund, 800'000);
  ASSERT_GT(b.id(), 0);
  const auto c = approved_support(households[2], av1::SUPPORT_KIND_FOOD_AND_GIFTS, fund, 600'000);
  ASSERT_TRUE(cancel(c.id()).ok());

  av1::GetAllocationTotalsRequest r;
  r.set_campaign_id(campaign_);
  av1::AllocationTotals totals;
  const auto status = stub_->GetAllocationTotals(client_context(auditor()).get(), r, &totals);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(totals.supports_approved(), 2);  // a (completed) and b
  EXPECT_EQ(totals.supports_disbursed(), 1);
  EXPECT_EQ(totals.supports_completed(), 1);
  EXPECT_EQ(totals.supports_cancelled(), 1);
  ASSERT_EQ(totals.funds_size(), 1);
  const auto& f = totals.funds(0);
  EXPECT_EQ(f.fund_id(), fund);
  EXPECT_EQ(f.received().dong(), 10'000'000);
  EXPECT_EQ(f.reversed().dong(), 1'000'000);
  EXPECT_EQ(f.reserved().dong(), 800'000);
  EXPECT_EQ(f.disbursed().dong(), 4'500'000);
  expect_balances(
      fund,
      {.received = 10'000'000, .reversed = 1'000'000, .reserved = 800'000, .disbursed = 4'500'000},
      "the fund");
}

}  // namespace
}  // namespace vnn::testing
