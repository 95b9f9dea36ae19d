// The scope rules (rules/scope.h) for a call: the caller's principal and the service's unit tree.

#include "rules/scope.h"

#include "household_service.h"

namespace vnn::household_review {

platform::Date unit_date(const platform::rpc::ServiceContext& service, const std::string& code) {
  return rules::unit_date(service.units(), code);
}

void require_commune(const platform::rpc::CallContext& call, const std::string& field,
                     const std::string& code) {
  rules::require_commune(call.principal(), call.service().units(), field, code);
}

void require_scope(const platform::rpc::CallContext& call, const std::string& unit_code) {
  rules::require_household_in_scope(call.principal(), call.service().units(), unit_code);
}

bool may_see_household(const platform::rpc::CallContext& call, pqxx::transaction_base& tx,
                       std::int64_t household_id, const std::string& unit_code) {
  const auto& who = call.principal();
  // Only a member organisation's view depends on assignments: the others need no query.
  const bool assigned =
      who.role == platform::auth::Role::kMemberOrganisation && !who.organisation_id.empty() &&
      !tx.exec_prepared("assignment_of_organisation", household_id, who.organisation_id).empty();
  return rules::may_see_household(who, call.service().units(), unit_code, assigned);
}

}  // namespace vnn::household_review
