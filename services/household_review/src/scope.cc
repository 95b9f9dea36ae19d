#include "household_service.h"
#include "vnn/platform/errors.h"

namespace vnn::household_review {

platform::Date unit_date(const platform::rpc::ServiceContext& service, const std::string& code) {
  return service.units().reference_date(code);
}

void require_commune(const platform::rpc::CallContext& call, const std::string& field,
                     const std::string& code) {
  const auto on = unit_date(call.service(), code);
  call.require_unit(field, code, on);
  using platform::units::UnitKind;
  const auto* unit = call.service().units().find(code, on);
  if (unit->kind != UnitKind::kCommune && unit->kind != UnitKind::kWard &&
      unit->kind != UnitKind::kTownship) {
    throw platform::invalid_argument(field, "must be a commune, ward or township");
  }
}

void require_scope(const platform::rpc::CallContext& call, const std::string& unit_code) {
  if (!call.may_act_for(unit_code, unit_date(call.service(), unit_code))) {
    throw platform::permission_denied("household is outside your units");
  }
}

bool may_see_household(const platform::rpc::CallContext& call, pqxx::transaction_base& tx,
                       std::int64_t household_id, const std::string& unit_code) {
  const auto& who = call.principal();
  if (who.role == platform::auth::Role::kMemberOrganisation) {
    return !who.organisation_id.empty() &&
           !tx.exec_prepared("assignment_of_organisation", household_id, who.organisation_id)
                .empty();
  }
  return call.may_act_for(unit_code, unit_date(call.service(), unit_code));
}

}  // namespace vnn::household_review
