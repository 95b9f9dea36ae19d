#pragma once
// The communes' household lists and their deadline. The deadline is 24:00 Vietnam time of the
// campaign's due date (platform::Date::end_in_vietnam). Before it a commune may replace its list
// (a new version; what it leaves out is withdrawn) until the district has reviewed any household
// of it. After it a first list is still accepted, marked late, and is reviewed only once a
// district officer has let it through with a recorded reason; a late list is never changed.
// What counts is the day the district office received the paper list (its incoming-document
// stamp), not the instant someone entered it: lists are often entered days after they arrived.
// `today` is always passed in: these rules never read the clock.

#include <optional>
#include <string>
#include <string_view>

#include "vnn/platform/date.h"

namespace vnn::household_review::rules {

namespace reason {
// platform::reason::kDeadlinePassed ("DEADLINE_PASSED") when a late list would change.
inline constexpr std::string_view kListAlreadyReviewed = "LIST_ALREADY_REVIEWED";
inline constexpr std::string_view kLateNotOverridden = "LATE_NOT_OVERRIDDEN";
inline constexpr std::string_view kNotLate = "NOT_LATE";
inline constexpr std::string_view kAlreadyOverridden = "ALREADY_OVERRIDDEN";
}  // namespace reason

// The day the district office received a list: platform/received_day.h.

// True when a list received on `received` missed the deadline: a day stamp says only the day,
// and the due day lasts until 24:00 Vietnam time, so a list received on it is on time and one
// received any later day is late. Never late for a campaign without a due date.
bool received_late(const std::optional<platform::Date>& lists_due, const platform::Date& received);

// What a commune's list (for one campaign) looks like before a new one is sent.
struct ListBefore {
  std::optional<int> latest_version;   // nullopt: no list sent yet
  bool district_reviewed_any = false;  // the district has decided on a household of the unit
};

struct NewList {
  int version = 1;
  bool late = false;
};

// The version and lateness of a list the district office received on `received` (a new version
// of a list is judged on its own received day). Throws FAILED_PRECONDITION: DEADLINE_PASSED
// when a list exists and the new one was received after the deadline, LIST_ALREADY_REVIEWED when
// the district has reviewed any household of it.
NewList accept_list(const std::optional<platform::Date>& lists_due, const ListBefore& before,
                    const platform::Date& received);

// Why a submission is on record as late, kept in the candidacy's history.
inline constexpr std::string_view kLateTransitionReason = "submitted after the deadline";

// A submission as the late-override rules see it.
struct ListSubmission {
  bool late = false;
  std::string override_by;  // empty until a district officer lets it through
};

// Before OverrideLateSubmission. FAILED_PRECONDITION: NOT_LATE for a list on time,
// ALREADY_OVERRIDDEN once let through.
void require_overridable(const ListSubmission& submission);

// Before a review decision on a household of `submission`. FAILED_PRECONDITION,
// LATE_NOT_OVERRIDDEN, for a late list nobody let through yet.
void require_reviewable(const ListSubmission& submission);

}  // namespace vnn::household_review::rules
