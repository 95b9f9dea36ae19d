#pragma once
// The allocation service's own reason codes (docs/errors.md lists them).

#include <string_view>

namespace vnn::allocation::rules::reason {

// A transition the support's state does not allow (disbursing a cancelled support, …).
inline constexpr std::string_view kSupportStateConflict = "SUPPORT_STATE_CONFLICT";
// An approval the fund cannot cover: metadata fund_id, available_dong, needed_dong.
inline constexpr std::string_view kFundInsufficient = "FUND_INSUFFICIENT";
// The fund is short after a reversal: no approvals from it until it is covered.
inline constexpr std::string_view kFundFlaggedShort = "FUND_FLAGGED_SHORT";
// The household is not approved by review in the campaign (or was merged away).
inline constexpr std::string_view kHouseholdNotApproved = "HOUSEHOLD_NOT_APPROVED";
// A duplicate question about the household is open.
inline constexpr std::string_view kDuplicateOpen = "HOUSEHOLD_DUPLICATE_OPEN";
// The household does not meet the regulation's conditions for the kind.
inline constexpr std::string_view kNotEligible = "NOT_ELIGIBLE";
// More than the norm (or, for houses, the norm less what sponsors gave for the same need).
inline constexpr std::string_view kAboveNorm = "ABOVE_NORM";
// The household already has as many active supports of the kind as the regulation allows.
inline constexpr std::string_view kSupportLimitReached = "SUPPORT_LIMIT_REACHED";
// A source the regulation does not allow for the kind.
inline constexpr std::string_view kSourceNotAllowed = "SOURCE_NOT_ALLOWED";
// No regulation version is in force on the day.
inline constexpr std::string_view kNoRegulation = "NO_REGULATION";
// The commune's proposed list changed since the batch preview.
inline constexpr std::string_view kBatchChanged = "BATCH_CHANGED";

}  // namespace vnn::allocation::rules::reason
