#include "vnn/platform/db/migrations.h"

#include <libpq-fe.h>
#include <openssl/evp.h>

#include <algorithm>
#include <pqxx/pqxx>
#include <stdexcept>

#include "vnn/platform/log.h"

namespace vnn::platform::generated {
std::vector<vnn::platform::EmbeddedFile> platform_migrations();
}

namespace vnn::platform::db {
namespace {

std::string sha256_hex(const std::string& text) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(text.data(), text.size(), digest, &length, EVP_sha256(), nullptr);
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < length; ++i) {
    out += hex[digest[i] >> 4];
    out += hex[digest[i] & 0xf];
  }
  return out;
}

int migration_number(const std::string& component, const std::string& file) {
  std::size_t digits = 0;
  while (digits < file.size() && std::isdigit(static_cast<unsigned char>(file[digits]))) ++digits;
  if (digits == 0 || digits >= file.size() || file[digits] != '_' || !file.ends_with(".sql")) {
    throw std::invalid_argument("migration file of " + component +
                                " is not named <number>_<what>.sql: " + file);
  }
  return std::stoi(file.substr(0, digits));
}

// Role and schema setup that every migration run repeats; each statement is idempotent.
void ensure_roles_and_schema(pqxx::connection& c, const SchemaSpec& spec,
                             const std::string& owner_role) {
  pqxx::work tx(c);
  for (const auto& [role, login] : {std::pair{owner_role, false}, {spec.runtime_role, true}}) {
    bool exists = !tx.exec_params("SELECT 1 FROM pg_roles WHERE rolname = $1", role).empty();
    if (!exists) {
      tx.exec("CREATE ROLE " + tx.quote_name(role) + (login ? " LOGIN" : " NOLOGIN"));
    }
  }
  for (const auto& extension : spec.extensions) {
    tx.exec("CREATE EXTENSION IF NOT EXISTS " + tx.quote_name(extension) + " SCHEMA public");
  }
  tx.exec("CREATE SCHEMA IF NOT EXISTS " + tx.quote_name(spec.schema) + " AUTHORIZATION " +
          tx.quote_name(owner_role));
  tx.exec("REVOKE ALL ON SCHEMA " + tx.quote_name(spec.schema) + " FROM PUBLIC");
  tx.exec("CREATE TABLE IF NOT EXISTS " + tx.quote_name(spec.schema) +
          ".schema_migrations (component text NOT NULL, version integer NOT NULL, name text NOT "
          "NULL, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now(), "
          "PRIMARY KEY (component, version))");
  tx.exec("ALTER TABLE " + tx.quote_name(spec.schema) + ".schema_migrations OWNER TO " +
          tx.quote_name(owner_role));
  tx.commit();
}

void grant_runtime_rights(pqxx::connection& c, const SchemaSpec& spec,
                          const std::string& runtime_password) {
  pqxx::work tx(c);
  const std::string schema = tx.quote_name(spec.schema);
  const std::string runtime = tx.quote_name(spec.runtime_role);
  tx.exec("GRANT USAGE ON SCHEMA " + schema + " TO " + runtime);
  tx.exec("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA " + schema + " TO " +
          runtime);
  tx.exec("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA " + schema + " TO " + runtime);
  tx.exec("GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA " + schema + " TO " + runtime);
  // The migration history is the owner's business only.
  tx.exec("REVOKE ALL ON " + schema + ".schema_migrations FROM " + runtime);
  for (const auto& table : spec.append_only_tables) {
    tx.exec("REVOKE UPDATE, DELETE, TRUNCATE ON " + schema + "." + tx.quote_name(table) + " FROM " +
            runtime);
  }
  tx.exec("ALTER ROLE " + runtime + " SET search_path = " + schema);
  if (!runtime_password.empty()) {
    tx.exec("ALTER ROLE " + runtime + " PASSWORD " + tx.quote(runtime_password));
  }
  tx.commit();
}

}  // namespace

MigrationSet platform_migrations() { return {"platform", generated::platform_migrations()}; }

DsnIdentity parse_dsn_identity(const std::string& dsn) {
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(dsn.c_str(), &error);
  if (options == nullptr) {
    std::string reason = error ? error : "unparseable";
    PQfreemem(error);
    throw std::invalid_argument("database DSN is malformed: " +
                                reason.substr(0, reason.find('\n')));
  }
  DsnIdentity identity;
  for (auto* option = options; option->keyword != nullptr; ++option) {
    if (option->val == nullptr) continue;
    if (std::string_view(option->keyword) == "user") identity.user = option->val;
    if (std::string_view(option->keyword) == "password") identity.password = option->val;
  }
  PQconninfoFree(options);
  return identity;
}

MigrationReport apply_migrations(const std::string& migration_dsn, const SchemaSpec& spec,
                                 const std::vector<MigrationSet>& sets,
                                 const std::string& runtime_password) {
  const std::string owner_role = spec.runtime_role + "_owner";
  pqxx::connection c(migration_dsn);
  MigrationReport report;
  // Session-level lock: released when this connection closes, even if we crash.
  const std::string lock_key = "vnn.migrations." + spec.schema;
  c.prepare("lock", "SELECT pg_advisory_lock(hashtextextended($1, 0))");
  c.prepare("unlock", "SELECT pg_advisory_unlock(hashtextextended($1, 0))");
  {
    pqxx::nontransaction lock(c);
    lock.exec_prepared("lock", lock_key);
  }
  ensure_roles_and_schema(c, spec, owner_role);
  const std::string schema = c.quote_name(spec.schema);

  for (const auto& set : sets) {
    auto files = set.files;
    std::sort(files.begin(), files.end(), [&](const auto& a, const auto& b) {
      return migration_number(set.component, a.name) < migration_number(set.component, b.name);
    });
    for (const auto& file : files) {
      const int version = migration_number(set.component, file.name);
      const std::string checksum = sha256_hex(file.content);
      pqxx::work tx(c);
      auto applied = tx.exec_params("SELECT checksum FROM " + schema +
                                        ".schema_migrations WHERE component = $1 AND version = $2",
                                    set.component, version);
      if (!applied.empty()) {
        if (applied[0][0].as<std::string>() != checksum) {
          throw std::runtime_error(
              "migration " + set.component + "/" + file.name +
              " was changed after it was applied; add a new migration instead");
        }
        ++report.already_applied;
        continue;
      }
      // Objects are created by, and belong to, the owner role — never the runtime role.
      tx.exec("SET LOCAL ROLE " + tx.quote_name(owner_role));
      tx.exec("SET LOCAL search_path = " + schema + ", public");
      tx.exec(file.content);
      tx.exec_params("INSERT INTO " + schema +
                         ".schema_migrations (component, version, name, checksum) VALUES ($1, $2, "
                         "$3, $4)",
                     set.component, version, file.name, checksum);
      tx.commit();
      ++report.applied;
      log::info("migration applied",
                {{"schema", spec.schema}, {"component", set.component}, {"file", file.name}});
    }
  }
  grant_runtime_rights(c, spec, runtime_password);
  {
    pqxx::nontransaction unlock(c);
    unlock.exec_prepared("unlock", lock_key);
  }
  return report;
}

}  // namespace vnn::platform::db
