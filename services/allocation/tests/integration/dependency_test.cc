// Household review is asked at every proposal and approval: while it does not answer, decisions
// are refused as UNAVAILABLE (the one code a client retries) and nothing is written; reads and
// the ledger go on.

#include "support_test_helpers.h"

namespace vnn::testing {
namespace {

namespace av1 = allocation::v1;

class DependencyTest : public SupportTest {};

TEST_F(DependencyTest, WithoutHouseholdReviewDecisionsWaitAndNothingIsWritten) {
  const auto households = approved_households(kPhuTuc, 2);
  ASSERT_EQ(households.size(), 2u);
  const auto& fund = commune_fund(kPhuTuc);
  donate(fund, 2'000'000);
  wait_for_net_received(fund, 2'000'000);
  const auto support =
      proposed(support_request(households[0], av1::SUPPORT_KIND_FOOD_AND_GIFTS, fund, 900'000));
  ASSERT_GT(support.id(), 0);

  household_review_.reset();  // stops the process

  const auto approval = approve(support.id());
  EXPECT_TRUE(refused(approval, grpc::StatusCode::UNAVAILABLE, "DEPENDENCY_UNAVAILABLE"));
  Support out;
  const auto proposal = propose(
      support_request(households[1], av1::SUPPORT_KIND_FOOD_AND_GIFTS, fund, 500'000), &out);
  EXPECT_TRUE(refused(proposal, grpc::StatusCode::UNAVAILABLE, "DEPENDENCY_UNAVAILABLE"));
  EXPECT_EQ(
      scalar("SELECT count(*) FROM support WHERE household_id = " + std::to_string(households[1])),
      "0");

  // What needs no household review still works.
  ASSERT_TRUE(get_support(support.id(), commune(kPhuTuc), &out).ok());
  EXPECT_EQ(out.state(), av1::SUPPORT_STATE_PROPOSED);
  expect_balances(fund, {.received = 2'000'000}, "nothing reserved");
  donate(fund, 1'000'000);
  wait_for_net_received(fund, 3'000'000);
  ASSERT_TRUE(cancel(support.id()).ok());
}

}  // namespace
}  // namespace vnn::testing
