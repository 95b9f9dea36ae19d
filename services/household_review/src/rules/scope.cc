#include "rules/scope.h"

#include "vnn/platform/auth/scope.h"
#include "vnn/platform/errors.h"

namespace vnn::household_review::rules {

using platform::units::UnitKind;

platform::Date unit_date(const platform::units::AdminUnitTree& units, std::string_view code) {
  return units.reference_date(code);
}

bool holds_households(UnitKind kind) {
  return kind == UnitKind::kCommune || kind == UnitKind::kWard || kind == UnitKind::kTownship;
}

void require_commune(const platform::auth::Principal& who,
                     const platform::units::AdminUnitTree& units, const std::string& field,
                     const std::string& code) {
  const auto on = unit_date(units, code);
  platform::auth::require_unit(who, units, field, code, on);
  if (!holds_households(units.find(code, on)->kind)) {
    throw platform::invalid_argument(field, "must be a commune, ward or township",
                                     "phải là xã, phường hoặc thị trấn");
  }
}

bool acts_for_household(const platform::auth::Principal& who,
                        const platform::units::AdminUnitTree& units, std::string_view unit_code) {
  return platform::auth::may_act_for(who, units, unit_code, unit_date(units, unit_code));
}

void require_household_in_scope(const platform::auth::Principal& who,
                                const platform::units::AdminUnitTree& units,
                                const std::string& unit_code) {
  if (!acts_for_household(who, units, unit_code)) {
    throw platform::not_in_scope("household is outside your units")
        .with_vietnamese("Hộ này thuộc đơn vị nằm ngoài phạm vi được giao cho bạn.")
        .with_subject("unit/" + unit_code);
  }
}

bool may_see_household(const platform::auth::Principal& who,
                       const platform::units::AdminUnitTree& units, std::string_view unit_code,
                       bool assigned_to_callers_organisation) {
  if (who.role == platform::auth::Role::kMemberOrganisation) {
    return !who.organisation_id.empty() && assigned_to_callers_organisation;
  }
  return acts_for_household(who, units, unit_code);
}

std::optional<std::vector<std::string>> household_units(
    const platform::auth::UnitScope& scope, const platform::units::AdminUnitTree& units) {
  if (scope.everywhere) return std::nullopt;
  return scope.codes_covered_on([&](std::string_view code) { return unit_date(units, code); });
}

std::optional<std::vector<std::string>> household_units(
    const platform::auth::Principal& who, const platform::units::AdminUnitTree& units) {
  return household_units(platform::auth::unit_scope(who, units), units);
}

std::vector<std::string> household_units_below(const platform::units::AdminUnitTree& units,
                                               std::string_view scope_code) {
  platform::auth::UnitScope scope;
  scope.spans =
      platform::auth::covered_spans(units, scope_code, platform::Date::today_in_vietnam());
  return *household_units(scope, units);
}

bool lists_units_below(UnitKind kind) {
  return kind == UnitKind::kDistrict || kind == UnitKind::kProvince || kind == UnitKind::kCity;
}

}  // namespace vnn::household_review::rules
