#pragma once
// Settings every service shares, read from flags and environment variables (flags win) and
// validated before anything starts. A service adds its own settings to the same CLI11 app.

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace vnn::platform {

struct DatabaseSettings {
  std::string dsn;            // VNN_DB_DSN: the service's own runtime role
  std::string migration_dsn;  // VNN_DB_MIGRATION_DSN: a role that may create roles and schemas
  int pool_size = 16;         // VNN_DB_POOL_SIZE
  std::chrono::milliseconds default_statement_timeout{5000};  // when a call has no deadline
  // VNN_DB_STATEMENT_TIMEOUT_CEILING_MS: the longest statement timeout whatever the deadline.
  std::chrono::milliseconds statement_timeout_ceiling{10000};
  // VNN_DB_IMPORT_STATEMENT_TIMEOUT_CEILING_MS: the same for imports (the payroll list is one
  // transaction whose last statements write the whole list).
  std::chrono::milliseconds import_statement_timeout_ceiling{600000};
  // VNN_DB_ACQUIRE_TIMEOUT_MS: the longest a call waits for a free pool connection.
  std::chrono::milliseconds acquire_timeout{2000};
};

// How much refused or waiting work a service keeps, so that a flood of calls costs counters
// rather than rows, memory or threads.
struct AdmissionSettings {
  // VNN_AUDIT_QUEUE: audit entries of refused and failed calls waiting for the background
  // writer; beyond it they are dropped and counted (vnn_audit_dropped_total).
  int audit_queue = 1000;
  // VNN_REFUSAL_LOG_INTERVAL_S: at most one log line per interval about unauthenticated calls
  // (each is counted in vnn_unauthenticated_calls_total, none is audited).
  std::chrono::seconds refusal_log_interval{60};
  // VNN_GROUP_COMMIT_MAX_QUEUED: calls waiting for a batch per method; beyond it calls are
  // answered RESOURCE_EXHAUSTED (SERVER_BUSY) at once.
  int group_commit_max_queued = 10000;
};

struct NatsSettings {
  std::string url = "nats://127.0.0.1:4222";   // VNN_NATS_URL
  std::string stream = "VNN";                  // VNN_NATS_STREAM
  int stream_replicas = 1;                     // VNN_NATS_STREAM_REPLICAS (3 in production)
  std::chrono::seconds duplicate_window{120};  // VNN_NATS_DUPLICATE_WINDOW
  std::chrono::hours stream_max_age{24 * 90};  // VNN_NATS_STREAM_MAX_AGE
  std::string storage = "file";                // VNN_NATS_STORAGE: file | memory
  // Authentication: either a user with a password read from a file, or a credentials file
  // (JWT and NKey seed, decentralised authentication). Neither: connect anonymously.
  std::string user;              // VNN_NATS_USER
  std::string password_file;     // VNN_NATS_PASSWORD_FILE
  std::string credentials_file;  // VNN_NATS_CREDS_FILE
  std::string ca_file;           // VNN_NATS_CA: verify the servers' TLS certificates with it
};

struct OutboxSettings {
  std::chrono::hours retention{24 * 7};  // VNN_OUTBOX_RETENTION: published rows kept this long
  int batch_size = 1000;                 // VNN_OUTBOX_BATCH
};

// How long bookkeeping rows are kept (db/retention.h).
struct RetentionSettings {
  std::chrono::hours idempotency{24 * 30};  // VNN_IDEMPOTENCY_RETENTION_H
  // VNN_INBOX_RETENTION_H: inbox and consumer cursors; longer than the stream's max age.
  std::chrono::hours inbox{24 * 120};
  std::chrono::seconds prune_interval{3600};  // VNN_PRUNE_INTERVAL_S
};

struct ConsumerSettings {
  int max_deliveries = 5;                      // VNN_CONSUMER_MAX_DELIVERIES, then dead-lettered
  std::chrono::milliseconds ack_wait{30000};   // VNN_CONSUMER_ACK_WAIT
  std::chrono::milliseconds retry_delay{500};  // VNN_CONSUMER_RETRY_DELAY, doubled per delivery
};

// Every CSV import of the service (text/csv_import.h); smaller per-record limits are the
// format's own.
struct ImportSettings {
  std::int64_t max_rows = 1'000'000;     // VNN_IMPORT_MAX_ROWS
  std::int64_t max_bytes = 256LL << 20;  // VNN_IMPORT_MAX_BYTES
};

struct AuthSettings {
  std::vector<std::string> verification_keys;  // VNN_JWT_KEYS ("kid=…,alg=…,file=…;…")
  std::string
      signing_key;  // VNN_JWT_SIGNING_KEY: this service's own credentials, if it calls others
  std::string issuer = "vnn-local";  // VNN_JWT_ISSUER
  std::string audience = "vnn";      // VNN_JWT_AUDIENCE
};

// Page tokens of list methods (rpc/paging.h): signed under a key every replica of the service
// shares; the previous key still verifies during a rotation.
struct PageTokenSettings {
  std::string key_file;            // VNN_PAGE_TOKEN_KEY_FILE; empty: a random key per process
  std::string previous_key_file;   // VNN_PAGE_TOKEN_PREVIOUS_KEY_FILE: verifies, never signs
  std::chrono::seconds ttl{3600};  // VNN_PAGE_TOKEN_TTL_S
};

struct TlsSettings {
  std::string cert_file;       // VNN_TLS_CERT: enables TLS when set
  std::string key_file;        // VNN_TLS_KEY
  std::string client_ca_file;  // VNN_TLS_CLIENT_CA: requires and verifies client certificates
};

struct PlatformSettings {
  std::string service_name;            // fixed by the service, e.g. "donation"
  std::string listen = "127.0.0.1:0";  // VNN_GRPC_LISTEN
  std::string metrics_listen;          // VNN_METRICS_LISTEN ("127.0.0.1:9464"); empty: off
  // VNN_HEALTH_LISTEN: a plaintext port serving grpc.health.v1 only, for probes that cannot
  // present a client certificate (kubelet); empty: off.
  std::string health_listen;
  std::string port_file;  // VNN_PORT_FILE: the bound gRPC port is written here once serving
  std::string log_level = "info";  // VNN_LOG_LEVEL
  // VNN_REPLAY_TODAY (YYYY-MM-DD): replay a past campaign as of that day (Date::set_replay_today);
  // empty in production.
  std::string replay_today;
  std::chrono::milliseconds health_interval{1000};  // VNN_HEALTH_INTERVAL
  std::chrono::milliseconds shutdown_grace{10000};  // VNN_SHUTDOWN_GRACE
  DatabaseSettings db;
  NatsSettings nats;
  OutboxSettings outbox;
  ConsumerSettings consumer;
  ImportSettings imports;
  AdmissionSettings admission;
  RetentionSettings retention;
  AuthSettings auth;
  PageTokenSettings page_tokens;
  TlsSettings tls;
};

// Registers the shared settings on `app` (flag, environment variable, default, check).
void add_platform_options(CLI::App& app, PlatformSettings& settings);

// Cross-field checks CLI11 cannot express; throws CLI::ValidationError with one clear line.
void validate_platform_settings(const PlatformSettings& settings, bool needs_database,
                                bool needs_nats, bool needs_auth);

// A DSN with its password replaced by "***", for logs.
std::string redact_dsn(const std::string& dsn);

}  // namespace vnn::platform
