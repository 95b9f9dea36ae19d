#pragma once
// Whether a support may be proposed (and, at approval, still given) under a regulation version:
// the request's shape, the household's standing in review, the kind's conditions, its sources,
// its norm and how often it may be given. docs/regulation.md explains each rule.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rules/household_facts.h"
#include "rules/regulation.h"
#include "rules/support_kind.h"
#include "vnn/platform/date.h"

namespace vnn::allocation::rules {

inline constexpr std::size_t kMaxFundingParts = 10;
inline constexpr std::size_t kMaxFundIdChars = 64;
inline constexpr std::size_t kMaxSponsorChars = 200;
inline constexpr std::size_t kMaxReferenceChars = 100;
inline constexpr std::size_t kMaxLandUseCertificateChars = 100;

struct ProposedPart {
  FundingSource source = FundingSource::kDistrictFund;
  std::string fund_id;  // district and commune funds only
  std::int64_t amount = 0;
  std::string sponsor;    // sponsor parts: who gives (an organisation or business)
  std::string reference;  // state budget: the decision or programme; others: optional
};

struct ProposalFacts {
  SupportKind kind = SupportKind::kNewHouse;
  std::vector<ProposedPart> funding;
  std::string land_use_certificate;
  // Net direct gifts by sponsors to the household for the kind's need (kind_need) in the
  // campaign, as the donation service counts them: lowers what funds may give for a house. A
  // sponsor part whose reference names one of these gifts (is_direct_support_reference) is not
  // counted a second time.
  std::int64_t direct_support_same_need = 0;
  // Non-cancelled supports of the kind for the household in the campaign.
  int active_same_kind = 0;
  // The slots (support.slot) those supports hold, when known: the new one takes the lowest
  // free slot. Empty: slots are taken in order, and the new one is active_same_kind + 1.
  std::vector<int> active_slots;
  // The proposal day of the last non-cancelled support of the kind, in any campaign.
  std::optional<platform::Date> last_same_kind_on;
  platform::Date proposed_on;
};

struct CheckedProposal {
  std::int64_t total = 0;       // all parts
  std::int64_t from_funds = 0;  // the district and commune fund parts: what the ledger reserves
  int slot = 1;                 // the place among the kind's max_per_campaign it takes
};

// A direct support's confirmation reference as the donation service issues it
// ("HTTT-2024-000012"): a sponsor part naming one is a gift already in direct_support_same_need.
bool is_direct_support_reference(std::string_view reference);

// The kind a request names (the vnn.allocation.v1.SupportKind number): INVALID_ARGUMENT on
// `field` for 0 or an unknown number.
SupportKind require_kind(int number, const std::string& field = "kind");
// The same for a funding part's source.
FundingSource require_source(int number, const std::string& field);

// Checks, in this order (the first failure is thrown as a platform::Error):
//  1. shape — INVALID_ARGUMENT (reason INVALID_FIELD unless said) on the field at fault:
//     "kind" (the version has no norm for it); "funding" (no part, or more than
//     kMaxFundingParts); "funding[i].amount.dong" (zero or negative; a total past int64);
//     "funding[i].fund_id" (missing on a fund part, given on another, a fund named twice);
//     "funding[i].sponsor" (missing on a sponsor part, given on another);
//     "funding[i].reference" (missing on a state-budget part); text too long or not UTF-8;
//     "land_use_certificate" (required by the norm, or given for a kind that is not a house);
//  2. the household — FAILED_PRECONDITION: HOUSEHOLD_NOT_APPROVED (unknown, not approved by
//     review, or merged into another), HOUSEHOLD_DUPLICATE_OPEN;
//  3. eligibility — FAILED_PRECONDITION NOT_ELIGIBLE, metadata "missing" naming the unmet
//     conditions ("poverty_status", "housing", "sudden_hardship");
//  4. sources — INVALID_ARGUMENT SOURCE_NOT_ALLOWED on "funding[i].source";
//  5. the norm — INVALID_ARGUMENT ABOVE_NORM, metadata max_dong and allowed_dong: for a house
//     the fund parts may be at most max − what sponsors gave for the need (the sponsor parts
//     and direct_support_same_need, a part naming a direct support counted once; the total
//     may be more: state budget and the household's own contribution are not capped); for
//     any other kind the total of all parts is at most max. A norm of 0 has no ceiling;
//  6. frequency — FAILED_PRECONDITION SUPPORT_LIMIT_REACHED: max_per_campaign active supports
//     of the kind in the campaign already (metadata max_per_campaign), or the last one is less
//     than once_in_years before proposed_on (metadata last_on, next_on).
// Errors name the subject "household/<id>" where the household's state blocks.
CheckedProposal check_proposal(const RegulationVersion& version, const HouseholdFacts& household,
                               const ProposalFacts& proposal);

// At approval: the household is still approved by review, not merged, and no duplicate
// question about it is open (the errors of step 2 above).
void check_still_eligible(const HouseholdFacts& household);

// Whether the household comes first in the kind's lists (meritorious_first and a member with
// meritorious service to the revolution).
bool has_priority(const Norm& norm, const HouseholdFacts& household);

}  // namespace vnn::allocation::rules
