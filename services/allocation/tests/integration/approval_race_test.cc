// Approvals racing for the last đồng of one fund (issue 15): exactly those that fit succeed, the
// others are refused FAILED_PRECONDITION FUND_INSUFFICIENT with the available amount, the fund
// never goes below zero, and its ledger still verifies.

#include <atomic>
#include <barrier>
#include <mutex>
#include <thread>

#include "allocation_fixture.h"

namespace vnn::testing {
namespace {

namespace av1 = allocation::v1;

class ApprovalRaceTest : public AllocationFixture {
 protected:
  struct Outcome {
    std::int64_t support_id = 0;
    std::int64_t amount = 0;
    grpc::Status status;
  };

  // Proposes one food-and-gifts support of amounts[i] from `fund` for each of as many approved
  // households of Phú Túc, then approves them all at once from 32 threads.
  std::vector<Outcome> race(const std::string& fund, const std::vector<std::int64_t>& amounts) {
    const auto households = approved_households(kPhuTuc, static_cast<int>(amounts.size()));
    EXPECT_EQ(households.size(), amounts.size());
    std::vector<Outcome> outcomes(households.size());
    for (std::size_t i = 0; i < households.size(); ++i) {
      Support proposed;
      auto status = propose(
          support_request(households[i], av1::SUPPORT_KIND_FOOD_AND_GIFTS, fund, amounts[i]),
          &proposed);
      EXPECT_TRUE(status.ok()) << "proposal " << i << ": " << status.error_message();
      if (!status.ok()) return {};
      outcomes[i].support_id = proposed.id();
      outcomes[i].amount = amounts[i];
    }
    std::vector<std::string> checkers;
    for (const auto& o : outcomes) checkers.push_back(checker_for(o.support_id));
    std::barrier start(static_cast<std::ptrdiff_t>(outcomes.size()));
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < outcomes.size(); ++i) {
      threads.emplace_back([&, i] {
        start.arrive_and_wait();
        outcomes[i].status = approve(outcomes[i].support_id, nullptr, checkers[i]);
      });
    }
    for (auto& t : threads) t.join();
    return outcomes;
  }

  // Every refusal is FUND_INSUFFICIENT for `fund`, naming an available amount below what the
  // support needed; returns the sum of the approved amounts.
  std::int64_t check_outcomes(const std::vector<Outcome>& outcomes, const std::string& fund,
                              std::int64_t balance_before, int* approved_count) {
    std::int64_t approved = 0;
    *approved_count = 0;
    for (const auto& o : outcomes) {
      if (o.status.ok()) {
        approved += o.amount;
        ++*approved_count;
        continue;
      }
      EXPECT_EQ(o.status.error_code(), grpc::StatusCode::FAILED_PRECONDITION)
          << "support " << o.support_id << ": " << o.status.error_message();
      const auto d = details(o.status);
      EXPECT_EQ(d.reason, "FUND_INSUFFICIENT") << o.status.error_message();
      EXPECT_FALSE(d.vietnamese.empty()) << "no Vietnamese message";
      const auto fund_id = d.metadata.find("fund_id");
      const auto available = d.metadata.find("available_dong");
      if (fund_id == d.metadata.end() || available == d.metadata.end()) {
        ADD_FAILURE() << "no fund_id or available_dong in the details: "
                      << o.status.error_message();
        continue;
      }
      EXPECT_EQ(fund_id->second, fund);
      const std::int64_t available_dong = std::stoll(available->second);
      EXPECT_GE(available_dong, 0);
      EXPECT_LT(available_dong, o.amount) << "refused although it fitted what was available";
      EXPECT_LE(available_dong, balance_before);
    }
    return approved;
  }
};

// 32 equal approvals of 500,000 đ against 10,250,000 đ: exactly 20 fit, 12 are refused, and
// 250,000 đ stay available.
TEST_F(ApprovalRaceTest, ExactlyTheAffordableEqualApprovalsSucceed) {
  const auto& fund = district_fund();
  donate(fund, 10'000'000);
  donate(fund, 250'000);
  wait_for_net_received(fund, 10'250'000);

  ASSERT_FALSE(HasFailure());
  const auto outcomes = race(fund, std::vector<std::int64_t>(32, 500'000));
  ASSERT_EQ(outcomes.size(), 32u);
  int approved_count = 0;
  const auto approved = check_outcomes(outcomes, fund, 10'250'000, &approved_count);
  EXPECT_EQ(approved_count, 20);
  EXPECT_EQ(approved, 10'000'000);

  av1::FundBalance after;
  ASSERT_TRUE(balance(fund, &after).ok());
  EXPECT_EQ(after.available().dong(), 250'000);
  EXPECT_EQ(after.reserved().dong(), 10'000'000);
  EXPECT_FALSE(after.flagged_short());
  const auto verification = verify_ledger(fund);
  // One posting per donation and one reservation per approval.
  EXPECT_EQ(verification.postings(), 2 + 20);
  EXPECT_EQ(scalar("SELECT count(*) FROM reservation WHERE fund_id = '" + fund + "'"), "20");
  EXPECT_EQ(scalar("SELECT count(*) FROM support WHERE campaign_id = '" + campaign_ +
                   "' AND state = 'approved'"),
            "20");
}

// 32 approvals of different amounts (200,000–510,000 đ, 11,360,000 đ in all) against a commune
// fund of 7,000,000 đ: whatever order they arrive in, the approved ones fit, and no refused one
// would have fitted what was left at the end (available only falls during the race).
TEST_F(ApprovalRaceTest, NoRefusedApprovalWouldHaveFitted) {
  const auto& fund = commune_fund(kPhuTuc);
  donate(fund, 7'000'000);
  wait_for_net_received(fund, 7'000'000);

  std::vector<std::int64_t> amounts;
  for (int i = 0; i < 32; ++i) amounts.push_back(200'000 + 10'000 * i);
  ASSERT_FALSE(HasFailure());
  const auto outcomes = race(fund, amounts);
  ASSERT_EQ(outcomes.size(), 32u);
  int approved_count = 0;
  const auto approved = check_outcomes(outcomes, fund, 7'000'000, &approved_count);
  EXPECT_LE(approved, 7'000'000);
  EXPECT_GT(approved_count, 0);
  EXPECT_LT(approved_count, 32);

  av1::FundBalance after;
  ASSERT_TRUE(balance(fund, &after).ok());
  EXPECT_EQ(after.available().dong(), 7'000'000 - approved);
  EXPECT_GE(after.available().dong(), 0);
  EXPECT_EQ(after.reserved().dong(), approved);
  for (const auto& o : outcomes) {
    if (!o.status.ok()) {
      EXPECT_GT(o.amount, after.available().dong())
          << "support " << o.support_id << " of " << o.amount << " was refused, yet "
          << after.available().dong() << " đ are left";
    }
  }
  verify_ledger(fund);
}

// Approvals retried while donations trickle in: each refusal must name the available amount
// that refused it (below what the support needs), not a balance read after a later donation.
TEST_F(ApprovalRaceTest, ARefusalNamesTheBalanceThatRefusedIt) {
  const auto& fund = district_fund();
  donate(fund, 100'000);
  wait_for_net_received(fund, 100'000);
  const auto households = approved_households(kPhuTuc, 32);
  ASSERT_EQ(households.size(), 32u);
  std::vector<std::int64_t> supports;
  for (auto h : households) {
    Support out;
    const auto status =
        propose(support_request(h, av1::SUPPORT_KIND_FOOD_AND_GIFTS, fund, 500'000), &out);
    ASSERT_TRUE(status.ok()) << status.error_message();
    supports.push_back(out.id());
  }
  // 40 donations of 400,000 đ, one every 5 ms: 16,100,000 đ in all, enough for all 32.
  std::atomic<bool> donating{true};
  std::thread donor([&] {
    for (int i = 0; i < 40; ++i) {
      donate(fund, 400'000);
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    donating = false;
  });
  std::atomic<int> refusals{0}, wrong{0};
  std::string first_wrong;
  std::mutex wrong_mutex;
  std::vector<std::thread> approvers;
  constexpr int kApprovers = 8;
  for (int a = 0; a < kApprovers; ++a) {
    approvers.emplace_back([&, a] {
      std::vector<std::int64_t> mine;
      for (std::size_t i = a; i < supports.size(); i += kApprovers) mine.push_back(supports[i]);
      const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(60);
      while (!mine.empty() && std::chrono::steady_clock::now() < until) {
        const auto id = mine.back();
        const auto status = approve(id);
        if (status.ok()) {
          mine.pop_back();
          continue;
        }
        ++refusals;
        const auto d = details(status);
        const auto available = d.metadata.find("available_dong");
        const bool consistent = d.reason == "FUND_INSUFFICIENT" && available != d.metadata.end() &&
                                std::stoll(available->second) < 500'000;
        if (!consistent) {
          ++wrong;
          std::lock_guard lock(wrong_mutex);
          if (first_wrong.empty()) {
            first_wrong = d.reason + " " + status.error_message() + " (available_dong " +
                          (available == d.metadata.end() ? "none" : available->second) + ")";
          }
        }
        if (!donating) std::this_thread::sleep_for(std::chrono::milliseconds(2));
      }
      EXPECT_TRUE(mine.empty()) << mine.size() << " supports never approved";
    });
  }
  donor.join();
  for (auto& t : approvers) t.join();
  EXPECT_EQ(wrong, 0) << "of " << refusals << " refusals; first: " << first_wrong;
  const auto after = wait_for_net_received(fund, 16'100'000);
  EXPECT_EQ(after.reserved().dong(), 16'000'000);
  EXPECT_EQ(after.available().dong(), 100'000);
  verify_ledger(fund);
}

}  // namespace
}  // namespace vnn::testing
