#pragma once
// Who may spend from which fund, and which fund may pay for whom. A district's fund is kept by
// the district office, a commune's by the commune's officers (a district officer acts for the
// communes below it); a commune fund pays only for households of its own commune.

#include <string>

#include "rules/support_kind.h"
#include "vnn/platform/auth/principal.h"
#include "vnn/platform/date.h"
#include "vnn/platform/units/admin_unit_tree.h"

namespace vnn::allocation::rules {

// Where a fund belongs, as the donation service announced it.
struct FundUnit {
  std::string fund_id;
  std::string unit_code;
  platform::Date unit_on;  // the day its unit code is read on
};

// INVALID_ARGUMENT on `field` when the fund does not fit its source: a district fund belongs
// to a district, city or province; a commune fund to the household's commune (or, after the
// 2025 merger, to the commune that took it in).
void require_fund_fits_source(const platform::units::AdminUnitTree& units, FundingSource source,
                              const FundUnit& fund, const std::string& household_unit,
                              const platform::Date& household_on, const std::string& field);

// Whether `who` keeps the fund: acts for its unit.
bool keeps_fund(const platform::auth::Principal& who, const platform::units::AdminUnitTree& units,
                const FundUnit& fund);
// PERMISSION_DENIED (NOT_IN_SCOPE) unless `who` keeps the fund.
void require_keeps_fund(const platform::auth::Principal& who,
                        const platform::units::AdminUnitTree& units, const FundUnit& fund);

// Whether `who` may propose support for a household of `household_unit`: officers acting for
// its unit, or the member organisation it is assigned to in the campaign.
bool may_propose_for(const platform::auth::Principal& who,
                     const platform::units::AdminUnitTree& units, const std::string& household_unit,
                     const platform::Date& on, const std::string& assigned_organisation_id);

// Whether `who` may see a support of a household in `unit_code` proposed by `organisation_id`.
bool may_see_support(const platform::auth::Principal& who,
                     const platform::units::AdminUnitTree& units, const std::string& unit_code,
                     const platform::Date& on, const std::string& organisation_id);

}  // namespace vnn::allocation::rules
