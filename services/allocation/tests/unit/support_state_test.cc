// A support's life: proposed → approved → disbursed → completed, or cancelled before handover;
// maker–checker on approval.

#include "rules/support_state.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <utility>
#include <vector>

#include "rules/reason_codes.h"
#include "vnn/platform/errors.h"

namespace vnn::allocation::rules {
namespace {

using ::testing::HasSubstr;

constexpr SupportState kAll[] = {SupportState::kProposed, SupportState::kApproved,
                                 SupportState::kDisbursed, SupportState::kCompleted,
                                 SupportState::kCancelled};
constexpr Action kActions[] = {Action::kApprove, Action::kDisburse, Action::kComplete,
                               Action::kCancel};

TEST(SupportState, TheHappyPath) {
  EXPECT_EQ(transition(1, SupportState::kProposed, Action::kApprove), SupportState::kApproved);
  EXPECT_EQ(transition(1, SupportState::kApproved, Action::kDisburse), SupportState::kDisbursed);
  EXPECT_EQ(transition(1, SupportState::kDisbursed, Action::kComplete), SupportState::kCompleted);
}

TEST(SupportState, CancelledOnlyBeforeHandover) {
  EXPECT_EQ(transition(1, SupportState::kProposed, Action::kCancel), SupportState::kCancelled);
  EXPECT_EQ(transition(1, SupportState::kApproved, Action::kCancel), SupportState::kCancelled);
  EXPECT_THROW(transition(1, SupportState::kDisbursed, Action::kCancel), platform::Error);
  EXPECT_THROW(transition(1, SupportState::kCompleted, Action::kCancel), platform::Error);
  EXPECT_THROW(transition(1, SupportState::kCancelled, Action::kCancel), platform::Error);
}

TEST(SupportState, ExactlyTheDocumentedTransitionsAreAllowed) {
  const std::vector<std::pair<SupportState, Action>> allowed{
      {SupportState::kProposed, Action::kApprove},
      {SupportState::kApproved, Action::kDisburse},
      {SupportState::kDisbursed, Action::kComplete},
      {SupportState::kProposed, Action::kCancel},
      {SupportState::kApproved, Action::kCancel}};
  for (SupportState from : kAll) {
    for (Action action : kActions) {
      const bool expected =
          std::find(allowed.begin(), allowed.end(), std::pair{from, action}) != allowed.end();
      bool ok = true;
      try {
        transition(7, from, action);
      } catch (const platform::Error&) {
        ok = false;
      }
      EXPECT_EQ(ok, expected) << state_word(from) << " " << static_cast<int>(action);
    }
  }
}

TEST(SupportState, ARefusalSaysTheStateAndTheSupport) {
  try {
    transition(45, SupportState::kCancelled, Action::kDisburse);
    FAIL() << "expected SUPPORT_STATE_CONFLICT";
  } catch (const platform::Error& e) {
    EXPECT_EQ(e.code(), platform::ErrorCode::kFailedPrecondition);
    EXPECT_EQ(e.reason(), reason::kSupportStateConflict);
    EXPECT_EQ(e.subject(), "support/45");
    EXPECT_EQ(e.metadata().at("state"), "cancelled");
    EXPECT_THAT(e.vietnamese(),
                HasSubstr("Hỗ trợ số 45 đang ở trạng thái «Đã hủy»: không thể trao"));
  }
}

TEST(SupportState, WordsRoundTrip) {
  for (SupportState s : kAll) {
    EXPECT_EQ(parse_state(state_word(s)), s);
    EXPECT_FALSE(state_vietnamese(s).empty());
  }
  EXPECT_EQ(state_word(SupportState::kDisbursed), "disbursed");
  EXPECT_EQ(state_vietnamese(SupportState::kApproved), "Đã duyệt");
  EXPECT_EQ(parse_state("done"), std::nullopt);
  EXPECT_EQ(static_cast<int>(SupportState::kCancelled), 5);  // vnn.allocation.v1.SupportState
}

TEST(SupportState, TheProposerDoesNotApprove) {
  EXPECT_NO_THROW(require_other_officer("canbo.xa", "canbo.huyen"));
  try {
    require_other_officer("canbo.xa", "canbo.xa");
    FAIL() << "expected SAME_OFFICER";
  } catch (const platform::Error& e) {
    EXPECT_EQ(e.code(), platform::ErrorCode::kPermissionDenied);
    EXPECT_EQ(e.reason(), platform::reason::kSameOfficer);
    EXPECT_THAT(e.vietnamese(), HasSubstr("không được tự duyệt"));
  }
}

}  // namespace
}  // namespace vnn::allocation::rules
