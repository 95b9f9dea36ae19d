#include "vnn/testing/probe_database.h"

#include "probe_service.h"
#include "vnn/platform/db/migrations.h"
#include "vnn/platform/events/outbox.h"
#include "vnn/platform/rpc/handler.h"
#include "vnn/testing/test_stack.h"

namespace vnn::testing {

ProbeDatabase::ProbeDatabase()
    : schema_(unique_name("probe")),
      role_("vnn_" + schema_),
      definition_(probe_definition(schema_)) {
  platform::db::SchemaSpec spec;
  spec.schema = schema_;
  spec.runtime_role = role_;
  spec.append_only_tables = {"audit_log"};
  platform::db::apply_migrations(TestStack::get().admin_dsn, spec,
                                 {platform::db::platform_migrations(), probe_migrations()});
}

std::string ProbeDatabase::runtime_dsn() const { return TestStack::get().dsn_for(role_); }

platform::db::ConnectionPool& ProbeDatabase::pool() {
  if (!pool_) {
    platform::db::PoolOptions options;
    options.dsn = runtime_dsn();
    options.size = 8;
    options.schema = schema_;
    options.on_connect = {platform::events::OutboxWriter::prepare,
                          platform::rpc::prepare_handler_statements};
    pool_ = std::make_unique<platform::db::ConnectionPool>(options);
  }
  return *pool_;
}

std::string ProbeDatabase::scalar(const std::string& sql) const {
  pqxx::connection c(TestStack::get().admin_dsn);
  pqxx::work tx(c);
  tx.exec("SET LOCAL search_path = " + tx.quote_name(schema_));
  auto rows = tx.exec(sql);
  tx.commit();
  if (rows.empty() || rows[0][0].is_null()) return {};
  return rows[0][0].c_str();
}

}  // namespace vnn::testing
