// VerifyLedger while the fund is being written (issue 15: the ledger balances after every
// operation): an auditor's check must compare the balance row with the entries as of one
// moment, so it never reports a mismatch that is only two moments read apart.

#include <atomic>
#include <thread>

#include "allocation_fixture.h"

namespace vnn::testing {
namespace {

namespace av1 = allocation::v1;

class LedgerVerificationTest : public AllocationFixture {};

TEST_F(LedgerVerificationTest, MatchesWhileApprovalsDisbursementsAndCancellationsRun) {
  const auto& fund = district_fund();
  donate(fund, 100'000'000);
  wait_for_net_received(fund, 100'000'000);
  const auto households = approved_households(kPhuTuc, 32);
  ASSERT_EQ(households.size(), 32u);
  std::vector<std::int64_t> supports;
  for (auto h : households) {
    for (auto kind : {av1::SUPPORT_KIND_FOOD_AND_GIFTS, av1::SUPPORT_KIND_PRODUCTION_CAPITAL}) {
      Support out;
      const std::int64_t dong = kind == av1::SUPPORT_KIND_FOOD_AND_GIFTS ? 500'000 : 1'000'000;
      const auto status = propose(support_request(h, kind, fund, dong), &out);
      ASSERT_TRUE(status.ok()) << status.error_message();
      supports.push_back(out.id());
    }
  }

  // Writers: each approves its supports, then hands over or cancels every one.
  constexpr int kWriters = 4;
  std::atomic<int> writing{kWriters};
  std::vector<std::thread> threads;
  for (int w = 0; w < kWriters; ++w) {
    threads.emplace_back([&, w] {
      for (std::size_t i = w; i < supports.size(); i += kWriters) {
        const auto status = approve(supports[i]);
        EXPECT_TRUE(status.ok()) << status.error_message();
        if (!status.ok()) continue;
        const auto next = i % 3 == 0   ? cancel(supports[i])
                          : i % 3 == 1 ? disburse(supports[i])
                                       : disburse(supports[i], nullptr, {{fund, 250'000}});
        EXPECT_TRUE(next.ok()) << next.error_message();
      }
      --writing;
    });
  }
  // The auditor meanwhile.
  std::atomic<int> checks{0}, mismatches{0};
  std::string first;
  std::mutex first_mutex;
  for (int a = 0; a < 2; ++a) {
    threads.emplace_back([&] {
      while (writing > 0) {
        av1::VerifyLedgerRequest r;
        r.set_fund_id(fund);
        av1::LedgerVerification out;
        const auto status = stub_->VerifyLedger(client_context(auditor()).get(), r, &out);
        EXPECT_TRUE(status.ok()) << status.error_message();
        ++checks;
        if (status.ok() && (!out.balanced() || !out.matches())) {
          ++mismatches;
          std::lock_guard lock(first_mutex);
          if (first.empty()) first = out.ShortDebugString();
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(mismatches, 0) << "of " << checks << " checks during the writes; first: " << first;
  verify_ledger(fund);
}

}  // namespace
}  // namespace vnn::testing
