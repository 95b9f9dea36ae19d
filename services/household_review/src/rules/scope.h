#pragma once
// Whose households a caller works with. A household's unit code is read on its reference date
// (AdminUnitTree::reference_date: codes were reused after the 2025 mergers), and a caller acts
// for the units in its token and those below them (platform::auth::may_act_for).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vnn/platform/auth/principal.h"
#include "vnn/platform/auth/scope.h"
#include "vnn/platform/date.h"
#include "vnn/platform/units/admin_unit_tree.h"

namespace vnn::household_review::rules {

// The date a household's unit code is read on.
platform::Date unit_date(const platform::units::AdminUnitTree& units, std::string_view code);

// Households belong to communes, wards and townships only.
bool holds_households(platform::units::UnitKind kind);

// For a unit a caller names: INVALID_ARGUMENT on `field` for an unknown unit, PERMISSION_DENIED
// (NOT_IN_SCOPE) outside the caller's scope, then INVALID_ARGUMENT on `field` unless it is a
// commune, ward or township.
void require_commune(const platform::auth::Principal& who,
                     const platform::units::AdminUnitTree& units, const std::string& field,
                     const std::string& code);

// True when the caller acts for the household's unit.
bool acts_for_household(const platform::auth::Principal& who,
                        const platform::units::AdminUnitTree& units, std::string_view unit_code);
// PERMISSION_DENIED (NOT_IN_SCOPE) unless the caller acts for the household's unit.
void require_household_in_scope(const platform::auth::Principal& who,
                                const platform::units::AdminUnitTree& units,
                                const std::string& unit_code);

// Whether the caller may see a household at all: a member organisation only when the household
// is assigned to it (in some campaign), everyone else when it acts for the household's unit.
bool may_see_household(const platform::auth::Principal& who,
                       const platform::units::AdminUnitTree& units, std::string_view unit_code,
                       bool assigned_to_callers_organisation);

// The unit codes whose households `scope` covers, each code read on its unit_date; nullopt
// when the scope is everywhere (auditors, services). For the SQL of lists and searches.
std::optional<std::vector<std::string>> household_units(
    const platform::auth::UnitScope& scope, const platform::units::AdminUnitTree& units);
// The households a caller acts for (platform::auth::unit_scope of its token).
std::optional<std::vector<std::string>> household_units(
    const platform::auth::Principal& who, const platform::units::AdminUnitTree& units);
// The households below a unit a caller names (a district's communes, a 2025 commune's merged
// predecessors): what `scope_code` covers as a token's unit would.
std::vector<std::string> household_units_below(const platform::units::AdminUnitTree& units,
                                               std::string_view scope_code);

// Listing by a district, province or city takes the communes below it; by a commune, its own.
bool lists_units_below(platform::units::UnitKind kind);

}  // namespace vnn::household_review::rules
