#include "vnn/platform/rpc/call_context.h"

#include "vnn/platform/errors.h"

namespace vnn::platform::rpc {

db::TxOptions CallContext::tx_options(db::Isolation isolation) const {
  db::TxOptions options;
  options.deadline = deadline_;
  options.default_statement_timeout = service_.default_statement_timeout();
  options.isolation = isolation;
  return options;
}

bool CallContext::may_act_for(std::string_view unit_code, const Date& date) const {
  using auth::Role;
  if (principal_.role == Role::kAuditor || principal_.role == Role::kService) return true;
  for (const auto& scope : principal_.unit_codes) {
    if (service_.units().covers(scope, unit_code, date)) return true;
  }
  return false;
}

void CallContext::require_unit(std::string_view field, std::string_view unit_code,
                               const Date& date) const {
  if (service_.units().find(unit_code, date) == nullptr) {
    throw invalid_argument(std::string(field), "unknown administrative unit " +
                                                   std::string(unit_code) + " on " + date.iso());
  }
  if (!may_act_for(unit_code, date)) {
    throw permission_denied("caller may not act for unit " + std::string(unit_code));
  }
}

}  // namespace vnn::platform::rpc
