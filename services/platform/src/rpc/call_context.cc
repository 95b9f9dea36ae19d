#include "vnn/platform/rpc/call_context.h"

#include "vnn/platform/auth/scope.h"

namespace vnn::platform::rpc {

db::TxOptions CallContext::tx_options(db::Isolation isolation) const {
  db::TxOptions options;
  options.deadline = deadline_;
  options.default_statement_timeout = service_.default_statement_timeout();
  options.isolation = isolation;
  return options;
}

bool CallContext::may_act_for(std::string_view unit_code, const Date& date) const {
  return auth::may_act_for(principal_, service_.units(), unit_code, date);
}

void CallContext::require_unit(std::string_view field, std::string_view unit_code,
                               const Date& date) const {
  auth::require_unit(principal_, service_.units(), field, unit_code, date);
}

}  // namespace vnn::platform::rpc
