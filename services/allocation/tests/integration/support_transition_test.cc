// Every transition of a support, allowed and refused (issue 15): a refused one answers
// FAILED_PRECONDITION SUPPORT_STATE_CONFLICT naming the state that blocks it (metadata "state",
// subject "support/<id>") and changes neither the support nor the ledger.

#include "support_test_helpers.h"

namespace vnn::testing {
namespace {

namespace av1 = allocation::v1;

class SupportTransitionTest : public SupportTest {
 protected:
  // The refusal of an action on a support in `state`.
  ::testing::AssertionResult conflict(const grpc::Status& status, std::int64_t support_id,
                                      const std::string& state) {
    auto result = refused(status, grpc::StatusCode::FAILED_PRECONDITION, "SUPPORT_STATE_CONFLICT");
    if (!result) return result;
    const auto d = details(status);
    const auto found = d.metadata.find("state");
    if (found == d.metadata.end() || found->second != state) {
      return ::testing::AssertionFailure()
             << "metadata state is \"" << (found == d.metadata.end() ? "" : found->second)
             << "\", expected \"" << state << "\": " << status.error_message();
    }
    if (d.precondition_subject != "support/" + std::to_string(support_id)) {
      return ::testing::AssertionFailure()
             << "subject \"" << d.precondition_subject << "\": " << status.error_message();
    }
    return ::testing::AssertionSuccess();
  }

  av1::SupportState state_of(std::int64_t id) {
    Support s;
    const auto status = get_support(id, district(), &s);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return s.state();
  }
};

TEST_F(SupportTransitionTest, EachStateAllowsOnlyItsNextSteps) {
  const auto households = approved_households(kPhuTuc, 3);
  ASSERT_EQ(households.size(), 3u);
  const auto& fund = commune_fund(kPhuTuc);
  donate(fund, 5'000'000);
  wait_for_net_received(fund, 5'000'000);
  const auto request = [&](int i, std::int64_t dong) {
    return support_request(households[i], av1::SUPPORT_KIND_FOOD_AND_GIFTS, fund, dong);
  };

  // Proposed: neither disbursed nor completed; cancelled it may be.
  const auto first = proposed(request(0, 400'000));
  ASSERT_GT(first.id(), 0);
  EXPECT_TRUE(conflict(disburse(first.id()), first.id(), "proposed"));
  EXPECT_TRUE(conflict(complete(first.id()), first.id(), "proposed"));
  Support out;
  ASSERT_TRUE(cancel(first.id(), &out).ok());
  EXPECT_EQ(out.state(), av1::SUPPORT_STATE_CANCELLED);
  // Cancelled: nothing more.
  EXPECT_TRUE(conflict(approve(first.id()), first.id(), "cancelled"));
  EXPECT_TRUE(conflict(disburse(first.id()), first.id(), "cancelled"));
  EXPECT_TRUE(conflict(complete(first.id()), first.id(), "cancelled"));
  EXPECT_TRUE(conflict(cancel(first.id()), first.id(), "cancelled"));
  EXPECT_EQ(state_of(first.id()), av1::SUPPORT_STATE_CANCELLED);
  expect_balances(fund, {.received = 5'000'000}, "after the first support");

  // Approved: not approved again, not completed before it is handed over.
  const auto second = proposed(request(1, 600'000));
  ASSERT_TRUE(approve(second.id()).ok());
  EXPECT_TRUE(conflict(approve(second.id()), second.id(), "approved"));
  EXPECT_TRUE(conflict(complete(second.id()), second.id(), "approved"));
  expect_balances(fund, {.received = 5'000'000, .reserved = 600'000}, "second approved");
  // Disbursed: not cancelled, not disbursed again; completed it may be.
  ASSERT_TRUE(disburse(second.id()).ok());
  EXPECT_TRUE(conflict(cancel(second.id()), second.id(), "disbursed"));
  EXPECT_TRUE(conflict(disburse(second.id()), second.id(), "disbursed"));
  EXPECT_TRUE(conflict(approve(second.id()), second.id(), "disbursed"));
  expect_balances(fund, {.received = 5'000'000, .disbursed = 600'000}, "second disbursed");
  ASSERT_TRUE(complete(second.id(), &out).ok());
  EXPECT_EQ(out.state(), av1::SUPPORT_STATE_COMPLETED);
  // Completed: the end.
  EXPECT_TRUE(conflict(complete(second.id()), second.id(), "completed"));
  EXPECT_TRUE(conflict(cancel(second.id()), second.id(), "completed"));
  EXPECT_TRUE(conflict(disburse(second.id()), second.id(), "completed"));
  EXPECT_TRUE(conflict(approve(second.id()), second.id(), "completed"));
  EXPECT_EQ(state_of(second.id()), av1::SUPPORT_STATE_COMPLETED);

  // Approved, then cancelled (its reservation voided): not disbursed afterwards.
  const auto third = proposed(request(2, 700'000));
  ASSERT_TRUE(approve(third.id()).ok());
  ASSERT_TRUE(cancel(third.id()).ok());
  EXPECT_TRUE(conflict(disburse(third.id()), third.id(), "cancelled"));
  EXPECT_TRUE(conflict(approve(third.id()), third.id(), "cancelled"));
  expect_balances(fund, {.received = 5'000'000, .disbursed = 600'000}, "at the end");

  // The history shows only the transitions that happened.
  ASSERT_TRUE(get_support(third.id(), district(), &out).ok());
  ASSERT_EQ(out.history_size(), 3);
  EXPECT_EQ(out.history(2).from(), av1::SUPPORT_STATE_APPROVED);
  EXPECT_EQ(out.history(2).to(), av1::SUPPORT_STATE_CANCELLED);
}

// A repeated request (the same request_id) is answered with the first result, not a conflict.
TEST_F(SupportTransitionTest, ARetriedApprovalReturnsTheFirstResult) {
  const auto household = approved_household(kPhuTuc);
  const auto& fund = commune_fund(kPhuTuc);
  donate(fund, 1'000'000);
  wait_for_net_received(fund, 1'000'000);
  const auto support =
      proposed(support_request(household, av1::SUPPORT_KIND_FOOD_AND_GIFTS, fund, 800'000));
  av1::ApproveSupportRequest r;
  r.set_request_id(request_id("approve-once"));
  r.set_support_id(support.id());
  Support first, again;
  ASSERT_TRUE(
      stub_->ApproveSupport(client_context(checker_for(support.id())).get(), r, &first).ok());
  const auto retried =
      stub_->ApproveSupport(client_context(checker_for(support.id())).get(), r, &again);
  ASSERT_TRUE(retried.ok()) << retried.error_message();
  EXPECT_EQ(again.state(), av1::SUPPORT_STATE_APPROVED);
  EXPECT_EQ(again.id(), first.id());
  expect_balances(fund, {.received = 1'000'000, .reserved = 800'000}, "reserved once");
}

}  // namespace
}  // namespace vnn::testing
