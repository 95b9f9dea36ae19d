#pragma once
// Each approved household has exactly one member organisation responsible for it per campaign;
// changing that organisation needs a reason, which is kept with the change.

#include <optional>
#include <string>
#include <string_view>

#include "rules/candidacy.h"

namespace vnn::household_review::rules {

namespace reason {
inline constexpr std::string_view kNotApproved = "NOT_APPROVED";
inline constexpr std::string_view kAlreadyAssigned = "ALREADY_ASSIGNED";
}  // namespace reason

// INVALID_ARGUMENT on organisation_id unless 1–64 letters, digits, '-', '_' or '.'.
void require_organisation_id(const std::string& id);

// Before assigning `organisation_id` to a household in `state` (nullopt: never put forward)
// whose organisation is now `previous` (empty: none), `why` being the reason given.
// INVALID_ARGUMENT on household_id (NOT_SUBMITTED) without a candidacy; FAILED_PRECONDITION:
// NOT_APPROVED unless approved, ALREADY_ASSIGNED to the same organisation; INVALID_ARGUMENT on
// reason when reassigning without one.
void require_assignable(std::optional<CandidacyState> state, const std::string& previous,
                        const std::string& organisation_id, const std::string& why);

}  // namespace vnn::household_review::rules
