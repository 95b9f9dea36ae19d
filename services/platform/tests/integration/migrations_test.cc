// Migrations against the real PostgreSQL of the test stack: applied exactly once however many
// processes start together, a runtime role that cannot rewrite history or change the schema,
// and a refusal to start on a migration edited after it ran.

#include "vnn/platform/db/migrations.h"

#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "probe_service.h"
#include "vnn/testing/service_process.h"
#include "vnn/testing/test_stack.h"

namespace vnn::testing {
namespace {

constexpr const char* kInsufficientPrivilege = "insufficient_privilege";

std::string runtime_role_of(const std::string& schema) { return "vnn_" + schema; }

// The environment of `vnn-probe migrate` for one schema, as a deployment's migration job has it.
std::map<std::string, std::string> migrate_env(const std::string& schema) {
  return {{"VNN_PROBE_SCHEMA", schema},
          {"VNN_DB_MIGRATION_DSN", TestStack::get().admin_dsn},
          {"VNN_DB_DSN", TestStack::get().dsn_for(runtime_role_of(schema))}};
}

// One value as the superuser.
std::string admin_scalar(const std::string& sql) {
  pqxx::connection c(TestStack::get().admin_dsn);
  pqxx::work tx(c);
  auto rows = tx.exec(sql);
  tx.commit();
  if (rows.empty() || rows[0][0].is_null()) return {};
  return rows[0][0].c_str();
}

// Runs `statement` as the role of `dsn` in a transaction of its own: "ok" when it succeeded
// (and was committed), kInsufficientPrivilege when it was refused for lack of rights, else the
// error. libpqxx 6.4 leaves sqlstate() empty on insufficient_privilege, so the type tells.
std::string outcome_of(const std::string& dsn, const std::string& statement) {
  pqxx::connection c(dsn);
  pqxx::work tx(c);
  try {
    tx.exec(statement);
    tx.commit();
    return "ok";
  } catch (const pqxx::insufficient_privilege&) {
    return kInsufficientPrivilege;
  } catch (const pqxx::sql_error& e) {
    return "error " + e.sqlstate() + ": " + e.what();
  }
}

std::size_t migration_file_count() {
  return platform::db::platform_migrations().files.size() + probe_migrations().files.size();
}

// Migrates `schema` with the real binary and fails the test if that does not succeed.
void migrate_with_process(const std::string& schema) {
  ServiceProcess migrate(probe_binary(), {"migrate"}, migrate_env(schema));
  const int code = migrate.wait(std::chrono::seconds(60));
  ASSERT_EQ(code, 0) << migrate.log();
}

// "applied" of the "migrations done" line a migrate process logs; -1 when there is none.
int applied_count_in_log(const std::string& log) {
  std::istringstream lines(log);
  std::string line;
  while (std::getline(lines, line)) {
    auto entry = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (entry.is_object() && entry.value("msg", "") == "migrations done") {
      return entry.value("applied", -1);
    }
  }
  return -1;
}

TEST(MigrationsTest, ConcurrentStartsApplyEachMigrationExactlyOnce) {
  const std::string schema = unique_name("probe");
  constexpr int kProcesses = 6;
  std::vector<std::unique_ptr<ServiceProcess>> processes;
  // Spawned back to back, so that they race for the schema the way replicas of one deployment
  // starting together do.
  for (int i = 0; i < kProcesses; ++i) {
    processes.push_back(std::make_unique<ServiceProcess>(
        probe_binary(), std::vector<std::string>{"migrate"}, migrate_env(schema)));
  }
  int applied_total = 0;
  for (auto& process : processes) {
    ASSERT_EQ(process->wait(std::chrono::seconds(90)), 0) << process->log();
    const int applied = applied_count_in_log(process->log());
    ASSERT_GE(applied, 0) << "no 'migrations done' line in:\n" << process->log();
    applied_total += applied;
  }

  // The probe's migration inserts one row each time it runs.
  EXPECT_EQ(admin_scalar("SELECT count(*) FROM " + schema + ".migration_runs"), "1");
  EXPECT_EQ(admin_scalar("SELECT count(*) FROM " + schema + ".schema_migrations"),
            std::to_string(migration_file_count()));
  EXPECT_EQ(admin_scalar("SELECT string_agg(component || '/' || name, ',' ORDER BY component) "
                         "FROM " +
                         schema + ".schema_migrations"),
            "platform/0001_platform.sql,platform/0003_personal_data_reads.sql,"
            "probe/0001_probe.sql");
  // Every migration was applied by one of the processes; the others found it done.
  EXPECT_EQ(applied_total, static_cast<int>(migration_file_count()));
}

TEST(MigrationsTest, RuntimeRoleCannotRewriteAuditOrMigrationsOrChangeTheSchema) {
  const std::string schema = unique_name("probe");
  ASSERT_NO_FATAL_FAILURE(migrate_with_process(schema));
  const std::string runtime = TestStack::get().dsn_for(runtime_role_of(schema));
  const std::string audit = schema + ".audit_log";

  // The audit trail takes new entries…
  EXPECT_EQ(outcome_of(runtime, "INSERT INTO " + audit +
                                    " (subject, role, unit_codes, method, request_id, "
                                    "correlation_id, outcome, status_code) VALUES ('tester', "
                                    "'auditor', '{}', 'm', 'r-1', 'c-1', 'ok', 'OK')"),
            "ok");
  EXPECT_EQ(outcome_of(runtime, "SELECT count(*) FROM " + audit), "ok");
  EXPECT_EQ(admin_scalar("SELECT count(*) FROM " + audit + " WHERE request_id = 'r-1'"), "1");
  // …but what is written stays written.
  EXPECT_EQ(outcome_of(runtime, "UPDATE " + audit + " SET detail = 'rewritten'"),
            kInsufficientPrivilege);
  EXPECT_EQ(outcome_of(runtime, "DELETE FROM " + audit), kInsufficientPrivilege);
  EXPECT_EQ(outcome_of(runtime, "TRUNCATE " + audit), kInsufficientPrivilege);
  EXPECT_EQ(admin_scalar("SELECT detail FROM " + audit + " WHERE request_id = 'r-1'"), "");

  // The migration history is the owner's alone: not even readable.
  const std::string history = schema + ".schema_migrations";
  EXPECT_EQ(outcome_of(runtime, "SELECT count(*) FROM " + history), kInsufficientPrivilege);
  EXPECT_EQ(outcome_of(runtime, "INSERT INTO " + history +
                                    " (component, version, name, checksum) VALUES "
                                    "('probe', 99, '0099_x.sql', 'x')"),
            kInsufficientPrivilege);
  EXPECT_EQ(outcome_of(runtime, "UPDATE " + history + " SET checksum = 'x'"),
            kInsufficientPrivilege);
  EXPECT_EQ(outcome_of(runtime, "DELETE FROM " + history), kInsufficientPrivilege);

  // No schema changes: not in its own schema, not in public, not on tables it uses.
  EXPECT_EQ(outcome_of(runtime, "CREATE TABLE " + schema + ".intruder (x int)"),
            kInsufficientPrivilege);
  EXPECT_EQ(outcome_of(runtime, "CREATE TABLE public." + schema + "_intruder (x int)"),
            kInsufficientPrivilege);
  EXPECT_EQ(outcome_of(runtime, "ALTER TABLE " + schema + ".entry ADD COLUMN extra int"),
            kInsufficientPrivilege);
  EXPECT_EQ(outcome_of(runtime, "DROP TABLE " + schema + ".entry"), kInsufficientPrivilege);

  // Ordinary tables stay fully usable: the refusals above are specific, not a blanket lock-out.
  EXPECT_EQ(outcome_of(runtime, "INSERT INTO " + schema +
                                    ".entry (unit_code, amount_dong, note) VALUES "
                                    "('26206', 1000, 'n')"),
            "ok");
  EXPECT_EQ(outcome_of(runtime, "UPDATE " + schema + ".entry SET note = 'm'"), "ok");
  EXPECT_EQ(outcome_of(runtime, "DELETE FROM " + schema + ".entry"), "ok");
}

TEST(MigrationsTest, MigrationChangedAfterItWasAppliedStopsStartUp) {
  const std::string schema = unique_name("probe");
  platform::db::SchemaSpec spec;
  spec.schema = schema;
  spec.runtime_role = runtime_role_of(schema);
  spec.append_only_tables = {"audit_log"};
  const auto first = platform::db::apply_migrations(
      TestStack::get().admin_dsn, spec, {platform::db::platform_migrations(), probe_migrations()});
  EXPECT_EQ(first.applied, static_cast<int>(migration_file_count()));

  // The same files again: nothing to do.
  const auto again = platform::db::apply_migrations(
      TestStack::get().admin_dsn, spec, {platform::db::platform_migrations(), probe_migrations()});
  EXPECT_EQ(again.applied, 0);
  EXPECT_EQ(again.already_applied, static_cast<int>(migration_file_count()));

  // An edit to the applied file, plus a new migration after it that must not run either.
  platform::db::MigrationSet edited = probe_migrations();
  ASSERT_FALSE(edited.files.empty());
  ASSERT_EQ(edited.files.front().name, "0001_probe.sql");
  edited.files.front().content += "\nALTER TABLE entry ADD COLUMN sneaked_in text;\n";
  edited.files.push_back({"0002_after.sql", "CREATE TABLE after_the_edit (x int);"});
  try {
    platform::db::apply_migrations(TestStack::get().admin_dsn, spec,
                                   {platform::db::platform_migrations(), edited});
    FAIL() << "apply_migrations accepted a migration edited after it was applied";
  } catch (const std::runtime_error& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("probe/0001_probe.sql"), std::string::npos) << message;
    EXPECT_NE(message.find("changed after it was applied"), std::string::npos) << message;
  }
  EXPECT_EQ(admin_scalar("SELECT count(*) FROM " + schema + ".schema_migrations"),
            std::to_string(migration_file_count()));
  EXPECT_EQ(admin_scalar("SELECT count(*) FROM information_schema.columns WHERE table_schema = '" +
                         schema + "' AND column_name = 'sneaked_in'"),
            "0");
  EXPECT_EQ(admin_scalar("SELECT to_regclass('" + schema + ".after_the_edit') IS NULL"), "t");
  EXPECT_EQ(admin_scalar("SELECT count(*) FROM " + schema + ".migration_runs"), "1");

  // The lock of the refused run went with its connection: the original files still apply.
  const auto after = platform::db::apply_migrations(
      TestStack::get().admin_dsn, spec, {platform::db::platform_migrations(), probe_migrations()});
  EXPECT_EQ(after.already_applied, static_cast<int>(migration_file_count()));
}

}  // namespace
}  // namespace vnn::testing
