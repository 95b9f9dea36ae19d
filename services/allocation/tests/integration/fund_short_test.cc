// A fund left short by a reversal (issue 15): the reversal is a fact and is recorded, the fund
// is flagged (GetFundBalance flagged_short and shortfall, a fund.flagged_short event), no
// approval is taken from it (FAILED_PRECONDITION FUND_FLAGGED_SHORT) until donations cover the
// shortfall in full (a fund.covered event), and the ledger verifies throughout.

#include "support_test_helpers.h"

namespace vnn::testing {
namespace {

namespace av1 = allocation::v1;

class FundShortTest : public SupportTest {};

TEST_F(FundShortTest, AReversalFlagsTheFundUntilDonationsCoverIt) {
  const auto households = approved_households(kPhuTuc, 2);
  ASSERT_EQ(households.size(), 2u);
  const auto& fund = district_fund();
  const auto big = donate(fund, 10'000'000);
  donate(fund, 5'000'000);
  wait_for_net_received(fund, 15'000'000);

  // 8 M reserved, 7 M left; then the 10 M donation is taken back: 3 M short.
  const auto capital =
      approved_support(households[0], av1::SUPPORT_KIND_PRODUCTION_CAPITAL, fund, 8'000'000);
  ASSERT_GT(capital.id(), 0);
  expect_balances(fund, {.received = 15'000'000, .reserved = 8'000'000}, "approved");
  av1::FundBalance b;
  ASSERT_TRUE(balance(fund, &b).ok());
  EXPECT_FALSE(b.flagged_short());
  donation::v1::Donation reversal;
  const auto reversed = reverse(big.id(), &reversal);
  ASSERT_TRUE(reversed.ok()) << reversed.error_message();
  b = wait_for_balance(
      fund, [](const av1::FundBalance& x) { return x.reversed().dong() == 10'000'000; },
      "the reversal");
  EXPECT_TRUE(b.flagged_short());
  EXPECT_EQ(b.shortfall().dong(), 3'000'000);
  EXPECT_EQ(b.available().dong(), -3'000'000);
  verify_ledger(fund);

  const auto flagged = events(
      "vnn.allocation.fund.flagged_short",
      [&](const common::v1::EventEnvelope& e) { return e.aggregate_id() == fund; }, 1);
  ASSERT_EQ(flagged.size(), 1u);
  av1::FundFlaggedShort flagged_event;
  ASSERT_TRUE(flagged[0].envelope.payload().UnpackTo(&flagged_event));
  EXPECT_EQ(flagged_event.balance().shortfall().dong(), 3'000'000);
  EXPECT_TRUE(flagged_event.balance().flagged_short());
  EXPECT_EQ(flagged_event.reference().rfind("reversal ", 0), 0u) << flagged_event.reference();

  // A new approval is refused, naming what is available and the shortfall; proposing is fine.
  const auto gifts =
      proposed(support_request(households[1], av1::SUPPORT_KIND_FOOD_AND_GIFTS, fund, 500'000));
  ASSERT_GT(gifts.id(), 0);
  const auto refusal = approve(gifts.id());
  ASSERT_TRUE(refused(refusal, grpc::StatusCode::FAILED_PRECONDITION, "FUND_FLAGGED_SHORT"));
  auto d = details(refusal);
  EXPECT_EQ(d.metadata["available_dong"], "-3000000");
  EXPECT_EQ(d.metadata["shortfall_dong"], "3000000");
  EXPECT_EQ(d.metadata["fund_id"], fund);
  expect_balances(fund, {.received = 15'000'000, .reversed = 10'000'000, .reserved = 8'000'000},
                  "short");

  // Covered in part: still flagged, still refused.
  donate(fund, 1'000'000);
  b = wait_for_net_received(fund, 6'000'000);
  EXPECT_TRUE(b.flagged_short());
  EXPECT_EQ(b.shortfall().dong(), 2'000'000);
  const auto still = approve(gifts.id());
  ASSERT_TRUE(refused(still, grpc::StatusCode::FAILED_PRECONDITION, "FUND_FLAGGED_SHORT"));
  d = details(still);
  EXPECT_EQ(d.metadata["shortfall_dong"], "2000000");
  verify_ledger(fund);

  // Covered in full (and 500,000 đ over): the flag is lowered, approvals work again.
  donate(fund, 2'500'000);
  b = wait_for_net_received(fund, 8'500'000);
  EXPECT_FALSE(b.flagged_short());
  EXPECT_EQ(b.shortfall().dong(), 0);
  EXPECT_EQ(b.available().dong(), 500'000);
  const auto covered = events(
      "vnn.allocation.fund.covered",
      [&](const common::v1::EventEnvelope& e) { return e.aggregate_id() == fund; }, 1);
  ASSERT_EQ(covered.size(), 1u);
  av1::FundCovered covered_event;
  ASSERT_TRUE(covered[0].envelope.payload().UnpackTo(&covered_event));
  EXPECT_FALSE(covered_event.balance().flagged_short());
  EXPECT_EQ(covered_event.balance().available().dong(), 500'000);
  EXPECT_GT(covered[0].envelope.aggregate_version(), flagged[0].envelope.aggregate_version());

  Support approved;
  const auto ok = approve(gifts.id(), &approved);
  ASSERT_TRUE(ok.ok()) << ok.error_message();
  expect_balances(fund, {.received = 18'500'000, .reversed = 10'000'000, .reserved = 8'500'000},
                  "covered and approved");
  // The last đồng is gone: the next approval is refused as insufficient, not as short.
  ASSERT_TRUE(balance(fund, &b).ok());
  EXPECT_EQ(b.available().dong(), 0);
  EXPECT_FALSE(b.flagged_short());
}

// A cancellation while the fund is short releases its reservation, which covers the shortfall.
TEST_F(FundShortTest, ReleasingAReservationCoversTheShortfall) {
  const auto household = approved_household(kPhuTuc);
  const auto& fund = commune_fund(kPhuTuc);
  const auto first = donate(fund, 4'000'000);
  donate(fund, 1'000'000);
  wait_for_net_received(fund, 5'000'000);
  const auto capital =
      approved_support(household, av1::SUPPORT_KIND_PRODUCTION_CAPITAL, fund, 3'000'000);
  ASSERT_GT(capital.id(), 0);
  ASSERT_TRUE(reverse(first.id()).ok());
  auto b = wait_for_balance(
      fund, [](const av1::FundBalance& x) { return x.flagged_short(); }, "flagged short");
  EXPECT_EQ(b.shortfall().dong(), 2'000'000);
  ASSERT_TRUE(cancel(capital.id()).ok());
  ASSERT_TRUE(balance(fund, &b).ok());
  EXPECT_FALSE(b.flagged_short());
  EXPECT_EQ(b.shortfall().dong(), 0);
  EXPECT_EQ(b.available().dong(), 1'000'000);
  expect_balances(fund, {.received = 5'000'000, .reversed = 4'000'000}, "after the release");
  events(
      "vnn.allocation.fund.covered",
      [&](const common::v1::EventEnvelope& e) { return e.aggregate_id() == fund; }, 1);
}

}  // namespace
}  // namespace vnn::testing
