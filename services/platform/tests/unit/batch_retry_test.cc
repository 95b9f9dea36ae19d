#include "rpc/batch_retry.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <vector>

#include "vnn/platform/rpc/group_commit.h"

namespace vnn::platform::rpc::detail {
namespace {

const std::string kMethod = "vnn.test.v1.TestService/Record";

TEST(RunWithRerunsTest, AFirstAttemptThatCommitsRunsOnceClaimingLast) {
  std::vector<bool> attempts;
  run_with_reruns(kMethod, [&](bool claim_first) { attempts.push_back(claim_first); });
  EXPECT_EQ(attempts, std::vector<bool>{false});
}

TEST(RunWithRerunsTest, AKeyTakenRunsTheBatchAgainClaimingFirst) {
  std::vector<bool> attempts;
  run_with_reruns(kMethod, [&](bool claim_first) {
    attempts.push_back(claim_first);
    if (!claim_first) throw KeyTaken{};
  });
  EXPECT_EQ(attempts, (std::vector<bool>{false, true}));
}

TEST(RunWithRerunsTest, AFailureBeforeTheClaimsRunsAgainClaimingFirstThenGivesUp) {
  std::vector<bool> attempts;
  try {
    run_with_reruns(kMethod, [&](bool claim_first) {
      attempts.push_back(claim_first);
      throw failed_precondition("bank reference already used");
    });
    FAIL() << "expected the error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kFailedPrecondition);
  }
  EXPECT_EQ(attempts, (std::vector<bool>{false, true}));
}

TEST(RunWithRerunsTest, AnUnavailableDatabaseIsNotTriedAgain) {
  int attempts = 0;
  EXPECT_THROW(run_with_reruns(kMethod,
                               [&](bool) {
                                 ++attempts;
                                 throw Error(ErrorCode::kUnavailable, "database unavailable");
                               }),
               Error);
  EXPECT_EQ(attempts, 1);
}

TEST(RunWithRerunsTest, RetryBatchRunsAgainWholeAtMostKMaxBatchRerunsTimes) {
  int attempts = 0;
  try {
    run_with_reruns(kMethod, [&](bool) {
      ++attempts;
      throw RetryBatch("counter moved");
    });
    FAIL() << "expected ABORTED";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kAborted);
  }
  EXPECT_EQ(attempts, 1 + kMaxBatchReruns);
}

TEST(RunOrSplitTest, AFailedBatchRunsEachCallAlone) {
  std::vector<std::size_t> alone;
  bool refused = false;
  run_or_split(
      kMethod, 3, [] { throw Error(ErrorCode::kFailedPrecondition, "a constraint"); },
      [&](const Error&) { refused = true; },
      [&](std::size_t position) { alone.push_back(position); });
  EXPECT_FALSE(refused);
  EXPECT_EQ(alone, (std::vector<std::size_t>{0, 1, 2}));
}

TEST(RunOrSplitTest, AnErrorThatFailsEveryCallRefusesThemAll) {
  std::optional<ErrorCode> refused;
  int alone = 0;
  run_or_split(
      kMethod, 3, [] { throw Error(ErrorCode::kDeadlineExceeded, "deadline exceeded"); },
      [&](const Error& e) { refused = e.code(); }, [&](std::size_t) { ++alone; });
  EXPECT_EQ(refused, ErrorCode::kDeadlineExceeded);
  EXPECT_EQ(alone, 0);
}

TEST(RunOrSplitTest, ALoneCallsUnexpectedFailureIsAnInternalError) {
  std::optional<ErrorCode> refused;
  run_or_split(
      kMethod, 1, [] { throw std::runtime_error("bug"); },
      [&](const Error& e) { refused = e.code(); }, [](std::size_t) { FAIL(); });
  EXPECT_EQ(refused, ErrorCode::kInternal);
}

TEST(RunOrSplitTest, ABatchThatCommitsIsNeitherRefusedNorSplit) {
  run_or_split(
      kMethod, 2, [] {}, [](const Error&) { FAIL(); }, [](std::size_t) { FAIL(); });
}

}  // namespace
}  // namespace vnn::platform::rpc::detail
