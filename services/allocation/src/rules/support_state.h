#pragma once
// A support decision's life: proposed → approved → disbursed → completed, or cancelled before
// it is handed over. Maker–checker: whoever proposed a support does not approve it.

#include <optional>
#include <string>
#include <string_view>

namespace vnn::allocation::rules {

enum class SupportState {
  kProposed = 1,
  kApproved = 2,
  kDisbursed = 3,
  kCompleted = 4,
  kCancelled = 5
};

std::string_view state_word(SupportState state);  // "proposed", … (database)
std::optional<SupportState> parse_state(std::string_view word);
std::string_view state_vietnamese(SupportState state);  // "Đã duyệt", …

enum class Action { kApprove, kDisburse, kComplete, kCancel };

// The state `action` leads to from `from`; FAILED_PRECONDITION (reason SUPPORT_STATE_CONFLICT,
// subject "support/<id>", metadata "state") when the action is not allowed there.
SupportState transition(std::int64_t support_id, SupportState from, Action action);

// PERMISSION_DENIED (reason SAME_OFFICER) when the approver proposed it.
void require_other_officer(const std::string& proposed_by, const std::string& approver);

}  // namespace vnn::allocation::rules
