#pragma once
// Households that may be one. While a pair with a household has no decision, the household is
// not approved in any campaign (the duplicate block). A district officer covering both
// communes decides each pair once: not a duplicate, or a duplicate — then one household is kept
// and the other is merged into it and leaves every campaign (CandidacyEvent::kMergedAway).

#include <cstdint>
#include <string>
#include <string_view>

#include "rules/candidacy.h"
#include "vnn/platform/auth/principal.h"
#include "vnn/platform/units/admin_unit_tree.h"

namespace vnn::household_review::rules {

namespace reason {
inline constexpr std::string_view kDuplicateOpen = "DUPLICATE_OPEN";
inline constexpr std::string_view kAlreadyDecided = "ALREADY_DECIDED";
// FAILED_PRECONDITION: a household of the pair was merged into another already; it can be
// neither merged again nor kept as the target of a merger (no chains of mergers).
inline constexpr std::string_view kHouseholdAlreadyMerged = "HOUSEHOLD_ALREADY_MERGED";
}  // namespace reason

// Before `decision` on a household. FAILED_PRECONDITION, DUPLICATE_OPEN, when approving a
// household with an open pair; rejecting or returning it is not blocked.
void require_no_open_duplicate(CandidacyEvent decision, bool has_open_duplicate,
                               std::int64_t household_id);

enum class DuplicateVerdict { kDuplicate, kNotDuplicate };

// A candidate pair as the decision sees it; household_id < other_household_id.
struct DuplicatePair {
  std::int64_t household_id = 0, other_household_id = 0;
  std::string household_unit_code, other_unit_code;
  std::string decided_by;  // empty while open
  // Either household merged into another already (read under the households' locks).
  bool household_merged = false, other_merged = false;
};

// A pair across communes is seen from either side; the district above both sees it too.
bool may_see_pair(const platform::auth::Principal& who, const platform::units::AdminUnitTree& units,
                  const DuplicatePair& pair);
// Deciding merges across communes: PERMISSION_DENIED (NOT_IN_SCOPE) unless the caller covers
// both households' units.
void require_covers_pair(const platform::auth::Principal& who,
                         const platform::units::AdminUnitTree& units, const DuplicatePair& pair);

// Which household stays and which is merged away; both zero for "not a duplicate".
struct PairOutcome {
  std::int64_t keep = 0, merged = 0;
};

// Throws FAILED_PRECONDITION (ALREADY_DECIDED) for a decided pair, FAILED_PRECONDITION
// (HOUSEHOLD_ALREADY_MERGED) for "duplicate" when either household was merged already, and
// INVALID_ARGUMENT on keep_household_id when it names neither household. `keep_household_id` 0
// keeps the first.
PairOutcome decide_pair(const DuplicatePair& pair, DuplicateVerdict verdict,
                        std::int64_t keep_household_id);

}  // namespace vnn::household_review::rules
