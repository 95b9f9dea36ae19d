#include "rules/fund_scope.h"

#include "vnn/platform/auth/scope.h"
#include "vnn/platform/errors.h"

namespace vnn::allocation::rules {
namespace {

using platform::auth::Role;
using platform::units::UnitKind;

}  // namespace

void require_fund_fits_source(const platform::units::AdminUnitTree& units, FundingSource source,
                              const FundUnit& fund, const std::string& household_unit,
                              const platform::Date& household_on, const std::string& field) {
  const auto* unit = units.find(fund.unit_code, fund.unit_on);
  const bool district_level =
      unit != nullptr && (unit->kind == UnitKind::kDistrict || unit->kind == UnitKind::kCity ||
                          unit->kind == UnitKind::kProvince);
  if (source == FundingSource::kDistrictFund && !district_level) {
    throw platform::invalid_argument(field, "fund " + fund.fund_id + " is not a district's fund",
                                     "quỹ " + fund.fund_id + " không phải quỹ cấp huyện");
  }
  if (source == FundingSource::kCommuneFund &&
      (district_level || !units.covers(fund.unit_code, household_unit, household_on))) {
    throw platform::invalid_argument(
        field, "fund " + fund.fund_id + " is not the fund of the household's commune",
        "quỹ " + fund.fund_id + " không phải quỹ của xã nơi hộ cư trú");
  }
}

bool keeps_fund(const platform::auth::Principal& who, const platform::units::AdminUnitTree& units,
                const FundUnit& fund) {
  return platform::auth::may_act_for(who, units, fund.unit_code, fund.unit_on);
}

void require_keeps_fund(const platform::auth::Principal& who,
                        const platform::units::AdminUnitTree& units, const FundUnit& fund) {
  if (keeps_fund(who, units, fund)) return;
  throw platform::not_in_scope("the caller does not keep fund " + fund.fund_id)
      .with_vietnamese("Cán bộ không quản lý quỹ " + fund.fund_id)
      .with_subject("fund/" + fund.fund_id);
}

bool may_propose_for(const platform::auth::Principal& who,
                     const platform::units::AdminUnitTree& units, const std::string& household_unit,
                     const platform::Date& on, const std::string& assigned_organisation_id) {
  if (who.role == Role::kMemberOrganisation) {
    return !who.organisation_id.empty() && who.organisation_id == assigned_organisation_id;
  }
  return platform::auth::may_act_for(who, units, household_unit, on);
}

bool may_see_support(const platform::auth::Principal& who,
                     const platform::units::AdminUnitTree& units, const std::string& unit_code,
                     const platform::Date& on, const std::string& organisation_id) {
  if (who.role == Role::kMemberOrganisation) {
    return !who.organisation_id.empty() && who.organisation_id == organisation_id;
  }
  return platform::auth::may_act_for(who, units, unit_code, on);
}

}  // namespace vnn::allocation::rules
