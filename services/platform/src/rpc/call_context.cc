#include "vnn/platform/rpc/call_context.h"

#include "vnn/platform/auth/scope.h"

namespace vnn::platform::rpc {

db::TxOptions CallContext::tx_options(db::Isolation isolation) const {
  db::TxOptions options;
  options.deadline = deadline_;
  options.default_statement_timeout = service_.default_statement_timeout();
  options.statement_timeout_ceiling = service_.statement_timeout_ceiling();
  options.isolation = isolation;
  return options;
}

db::TxOptions CallContext::import_tx_options(db::Isolation isolation) const {
  db::TxOptions options = tx_options(isolation);
  options.statement_timeout_ceiling = service_.import_statement_timeout_ceiling();
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
