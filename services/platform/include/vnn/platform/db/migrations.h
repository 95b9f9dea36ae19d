#pragma once
// Numbered SQL migrations, applied at start under an advisory lock, into the service's own
// schema, by a role that owns the schema; the service then runs as a separate runtime role
// that can use only that schema and cannot change its append-only tables.

#include <string>
#include <vector>

#include "vnn/platform/embedded_file.h"

namespace vnn::platform::db {

// Files named "<number>_<what>.sql", applied in number order; a component's numbers are its own.
struct MigrationSet {
  std::string component;  // "platform", or the service name
  std::vector<EmbeddedFile> files;
};

struct SchemaSpec {
  std::string schema;                   // e.g. "donation"
  std::string runtime_role;             // e.g. "vnn_donation": the login role the service runs as
  std::vector<std::string> extensions;  // created (IF NOT EXISTS) before migrations, in public
  // Tables the runtime role may only INSERT into and SELECT from (audit, posted records).
  std::vector<std::string> append_only_tables;
};

struct MigrationReport {
  int applied = 0;
  int already_applied = 0;
};

// Connects with `migration_dsn` (a role that can create roles and schemas), creates the owner
// and runtime roles and the schema when missing, applies what is missing of each set in order,
// each migration in its own transaction, and grants the runtime role its rights. Several
// processes may call this at once: an advisory lock per schema serialises them, so every
// migration runs exactly once. A migration whose text changed after it was applied stops start-up.
// When `runtime_password` is non-empty the runtime role's password is set to it.
MigrationReport apply_migrations(const std::string& migration_dsn, const SchemaSpec& spec,
                                 const std::vector<MigrationSet>& sets,
                                 const std::string& runtime_password = {});

// The platform's own tables (outbox, inbox, dead letters, idempotency keys, audit log).
MigrationSet platform_migrations();

// The user and password named in a libpq DSN (URI or key=value); empty when absent.
struct DsnIdentity {
  std::string user;
  std::string password;
};
DsnIdentity parse_dsn_identity(const std::string& dsn);

}  // namespace vnn::platform::db
