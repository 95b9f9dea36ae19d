// A support paid from two funds (the district's and the commune's): its approval reserves both
// or neither, a disbursement may hand over less from one of them, and a cancellation voids
// both reservations; each fund's ledger verifies after every step.

#include "support_test_helpers.h"

namespace vnn::testing {
namespace {

namespace av1 = allocation::v1;

class FundPartsTest : public SupportTest {
 protected:
  av1::ProposeSupportRequest two_funds(std::int64_t household, SupportKind kind,
                                       std::int64_t from_district, std::int64_t from_commune) {
    return request_with(
        household, kind,
        {{av1::FUNDING_SOURCE_DISTRICT_FUND, district_fund(), from_district, ""},
         {av1::FUNDING_SOURCE_COMMUNE_FUND, commune_fund(kPhuTuc), from_commune, ""}});
  }
};

TEST_F(FundPartsTest, BothFundsOrNeither) {
  const auto households = approved_households(kPhuTuc, 3);
  ASSERT_EQ(households.size(), 3u);
  const auto& district_fund_id = district_fund();
  const auto& commune_fund_id = commune_fund(kPhuTuc);
  donate(district_fund_id, 20'000'000);
  donate(commune_fund_id, 3'000'000);
  wait_for_net_received(district_fund_id, 20'000'000);
  wait_for_net_received(commune_fund_id, 3'000'000);

  // The commune fund lacks its part: neither fund is touched.
  const auto too_much =
      proposed(two_funds(households[0], av1::SUPPORT_KIND_NEW_HOUSE, 15'000'000, 4'000'000));
  ASSERT_GT(too_much.id(), 0);
  const auto refusal = approve(too_much.id());
  ASSERT_TRUE(refused(refusal, grpc::StatusCode::FAILED_PRECONDITION, "FUND_INSUFFICIENT"));
  auto d = details(refusal);
  EXPECT_EQ(d.metadata["fund_id"], commune_fund_id);
  EXPECT_EQ(d.metadata["available_dong"], "3000000");
  EXPECT_EQ(d.metadata["needed_dong"], "4000000");
  expect_balances(district_fund_id, {.received = 20'000'000}, "district after the refusal");
  expect_balances(commune_fund_id, {.received = 3'000'000}, "commune after the refusal");
  ASSERT_TRUE(cancel(too_much.id()).ok());

  // Both fit: both reserved; handed over 12 of 15 M from the district, all 2 M of the commune's.
  const auto house =
      proposed(two_funds(households[1], av1::SUPPORT_KIND_NEW_HOUSE, 15'000'000, 2'000'000));
  Support out;
  ASSERT_TRUE(approve(house.id(), &out).ok());
  EXPECT_EQ(out.from_funds().dong(), 17'000'000);
  expect_balances(district_fund_id, {.received = 20'000'000, .reserved = 15'000'000}, "district");
  expect_balances(commune_fund_id, {.received = 3'000'000, .reserved = 2'000'000}, "commune");
  ASSERT_TRUE(disburse(house.id(), &out, {{district_fund_id, 12'000'000}}).ok());
  EXPECT_EQ(out.disbursed().dong(), 14'000'000);
  ASSERT_EQ(out.funding_size(), 2);
  EXPECT_EQ(out.funding(0).disbursed().dong(), 12'000'000);
  EXPECT_EQ(out.funding(1).disbursed().dong(), 2'000'000);
  expect_balances(district_fund_id, {.received = 20'000'000, .disbursed = 12'000'000},
                  "district after the disbursement");
  expect_balances(commune_fund_id, {.received = 3'000'000, .disbursed = 2'000'000},
                  "commune after the disbursement");

  // Approved from both, then cancelled: both reservations voided.
  const auto repair =
      proposed(two_funds(households[2], av1::SUPPORT_KIND_HOUSE_REPAIR, 5'000'000, 1'000'000));
  ASSERT_TRUE(approve(repair.id()).ok());
  expect_balances(commune_fund_id,
                  {.received = 3'000'000, .reserved = 1'000'000, .disbursed = 2'000'000},
                  "commune with the repair");
  // A commune officer may not cancel it: it would release the district's money.
  EXPECT_TRUE(refused(cancel(repair.id(), &out, "Hộ từ chối", commune(kPhuTuc, "checker")),
                      grpc::StatusCode::PERMISSION_DENIED, "NOT_IN_SCOPE"));
  ASSERT_TRUE(cancel(repair.id(), &out).ok());
  EXPECT_EQ(out.funding(0).disbursed().dong(), 0);
  expect_balances(district_fund_id, {.received = 20'000'000, .disbursed = 12'000'000},
                  "district at the end");
  expect_balances(commune_fund_id, {.received = 3'000'000, .disbursed = 2'000'000},
                  "commune at the end");
}

}  // namespace
}  // namespace vnn::testing
