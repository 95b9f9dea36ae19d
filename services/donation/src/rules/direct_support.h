#pragma once
// Which household an officer may hand support to directly: one household review knows, not
// merged into another, in a unit the officer acts for on the day of the gift. A household the
// officer may not act for is answered exactly as one that does not exist (Google AIP-211), and
// a merged household's answer does not say what it was merged into.

#include <cstdint>
#include <string>
#include <string_view>

#include "vnn/platform/auth/principal.h"
#include "vnn/platform/date.h"
#include "vnn/platform/units/admin_unit_tree.h"

namespace vnn::donation::rules {

// What household review said of the household (its GetEligibility answer).
struct HouseholdFacts {
  bool exists = false;
  std::string unit_code;
  bool merged = false;
};

// INVALID_ARGUMENT on `field`: "unknown household" when it does not exist or lies outside the
// units `who` acts for on `received` (the same error for both); "was merged into another
// household" for a merged one the caller may see. Returns the household's unit.
std::string require_supported_household(const platform::auth::Principal& who,
                                        const platform::units::AdminUnitTree& units,
                                        const HouseholdFacts& facts, const platform::Date& received,
                                        const std::string& field);

// Direct support takes no receipt number (the fund never received it): its confirmation
// reference is "HTTT" (hỗ trợ trực tiếp), the year received and its number from a sequence of
// its own, at least six digits: "HTTT-2024-000042". Unique; not gapless, as it numbers no fund's
// receipts.
std::string confirmation_reference(int year, std::int64_t number);

}  // namespace vnn::donation::rules
