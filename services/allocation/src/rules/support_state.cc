#include "rules/support_state.h"

#include <array>
#include <utility>

#include "rules/reason_codes.h"
#include "vnn/platform/errors.h"

namespace vnn::allocation::rules {
namespace {

struct StateWords {
  SupportState state;
  std::string_view word;
  std::string_view vietnamese;
};

constexpr std::array<StateWords, 5> kStates{{
    {SupportState::kProposed, "proposed", "Đề xuất"},
    {SupportState::kApproved, "approved", "Đã duyệt"},
    {SupportState::kDisbursed, "disbursed", "Đã trao"},
    {SupportState::kCompleted, "completed", "Hoàn thành"},
    {SupportState::kCancelled, "cancelled", "Đã hủy"},
}};

std::string_view action_word(Action action) {
  switch (action) {
    case Action::kApprove:
      return "approve";
    case Action::kDisburse:
      return "disburse";
    case Action::kComplete:
      return "complete";
    case Action::kCancel:
      return "cancel";
  }
  return "";
}

std::string_view action_vietnamese(Action action) {
  switch (action) {
    case Action::kApprove:
      return "duyệt";
    case Action::kDisburse:
      return "trao";
    case Action::kComplete:
      return "hoàn thành";
    case Action::kCancel:
      return "hủy";
  }
  return "";
}

}  // namespace

std::string_view state_word(SupportState state) {
  for (const auto& s : kStates) {
    if (s.state == state) return s.word;
  }
  return "";
}

std::string_view state_vietnamese(SupportState state) {
  for (const auto& s : kStates) {
    if (s.state == state) return s.vietnamese;
  }
  return "";
}

std::optional<SupportState> parse_state(std::string_view word) {
  for (const auto& s : kStates) {
    if (s.word == word) return s.state;
  }
  return std::nullopt;
}

SupportState transition(std::int64_t support_id, SupportState from, Action action) {
  std::optional<SupportState> to;
  switch (action) {
    case Action::kApprove:
      if (from == SupportState::kProposed) to = SupportState::kApproved;
      break;
    case Action::kDisburse:
      if (from == SupportState::kApproved) to = SupportState::kDisbursed;
      break;
    case Action::kComplete:
      if (from == SupportState::kDisbursed) to = SupportState::kCompleted;
      break;
    case Action::kCancel:
      // Once handed over it cannot be undone by a cancellation: that would be a new decision.
      if (from == SupportState::kProposed || from == SupportState::kApproved) {
        to = SupportState::kCancelled;
      }
      break;
  }
  if (to) return *to;
  throw platform::failed_precondition("support " + std::to_string(support_id) + " is " +
                                      std::string(state_word(from)) + ": it cannot " +
                                      std::string(action_word(action)))
      .with_reason(reason::kSupportStateConflict)
      .with_vietnamese("Hỗ trợ số " + std::to_string(support_id) + " đang ở trạng thái «" +
                       std::string(state_vietnamese(from)) + "»: không thể " +
                       std::string(action_vietnamese(action)))
      .with_subject("support/" + std::to_string(support_id))
      .with_metadata("state", std::string(state_word(from)));
}

void require_other_officer(const std::string& proposed_by, const std::string& approver) {
  if (proposed_by != approver) return;
  throw platform::permission_denied("a support is approved by another officer than its proposer")
      .with_reason(platform::reason::kSameOfficer)
      .with_vietnamese("Người đề xuất không được tự duyệt hỗ trợ của mình");
}

}  // namespace vnn::allocation::rules
