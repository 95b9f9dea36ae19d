#include "vnn/platform/config.h"

#include <regex>

namespace vnn::platform {
namespace {

// CLI11 takes durations as plain integers; the unit is in the option's name and help.
template <typename Duration>
CLI::Option* add_duration(CLI::App& app, const std::string& name, Duration& target,
                          const std::string& env, const std::string& help) {
  auto* option = app.add_option_function<long long>(
      name, [&target](long long value) { target = Duration(value); }, help);
  option->envname(env)->default_str(std::to_string(target.count()))->check(CLI::NonNegativeNumber);
  return option;
}

}  // namespace

void add_platform_options(CLI::App& app, PlatformSettings& s) {
  app.add_option("--listen", s.listen, "gRPC listen address host:port")
      ->envname("VNN_GRPC_LISTEN")
      ->capture_default_str();
  app.add_option("--metrics-listen", s.metrics_listen,
                 "Prometheus metrics address host:port (empty: off)")
      ->envname("VNN_METRICS_LISTEN");
  app.add_option("--health-listen", s.health_listen,
                 "plaintext address host:port serving only grpc.health.v1 (empty: off)")
      ->envname("VNN_HEALTH_LISTEN");
  app.add_option("--port-file", s.port_file,
                 "write the bound gRPC port to this file once serving (for --listen …:0)")
      ->envname("VNN_PORT_FILE");
  app.add_option("--log-level", s.log_level, "trace|debug|info|warn|error")
      ->envname("VNN_LOG_LEVEL")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error"}))
      ->capture_default_str();
  app.add_option("--replay-today", s.replay_today,
                 "take this day (YYYY-MM-DD) as today, to replay a past campaign with the units of "
                 "its time; never in production")
      ->envname("VNN_REPLAY_TODAY");
  add_duration(app, "--health-interval-ms", s.health_interval, "VNN_HEALTH_INTERVAL_MS",
               "how often PostgreSQL and NATS are checked for the health service");
  add_duration(app, "--shutdown-grace-ms", s.shutdown_grace, "VNN_SHUTDOWN_GRACE_MS",
               "time in-flight calls get to finish on SIGTERM");

  app.add_option("--db-dsn", s.db.dsn, "PostgreSQL DSN of the service's runtime role (secret)")
      ->envname("VNN_DB_DSN");
  app.add_option("--db-migration-dsn", s.db.migration_dsn,
                 "PostgreSQL DSN allowed to create the service's roles and schema; when set, "
                 "migrations are applied at start (secret)")
      ->envname("VNN_DB_MIGRATION_DSN");
  app.add_option("--db-pool-size", s.db.pool_size, "PostgreSQL connections in the pool")
      ->envname("VNN_DB_POOL_SIZE")
      ->check(CLI::Range(1, 512))
      ->capture_default_str();
  add_duration(app, "--db-statement-timeout-ms", s.db.default_statement_timeout,
               "VNN_DB_STATEMENT_TIMEOUT_MS", "statement timeout for calls without a deadline");
  add_duration(app, "--db-statement-timeout-ceiling-ms", s.db.statement_timeout_ceiling,
               "VNN_DB_STATEMENT_TIMEOUT_CEILING_MS",
               "longest statement timeout, whatever deadline the caller sends");
  add_duration(app, "--db-import-statement-timeout-ceiling-ms",
               s.db.import_statement_timeout_ceiling, "VNN_DB_IMPORT_STATEMENT_TIMEOUT_CEILING_MS",
               "longest statement timeout of an import's transactions");
  add_duration(app, "--db-acquire-timeout-ms", s.db.acquire_timeout, "VNN_DB_ACQUIRE_TIMEOUT_MS",
               "longest wait for a free pool connection, whatever the caller's deadline");

  app.add_option("--audit-queue", s.admission.audit_queue,
                 "audit entries of refused calls waiting to be written; more are dropped")
      ->envname("VNN_AUDIT_QUEUE")
      ->check(CLI::Range(1, 1'000'000))
      ->capture_default_str();
  add_duration(app, "--refusal-log-interval-s", s.admission.refusal_log_interval,
               "VNN_REFUSAL_LOG_INTERVAL_S",
               "at most one log line per interval about unauthenticated calls");
  app.add_option("--group-commit-max-queued", s.admission.group_commit_max_queued,
                 "calls waiting for a batch per method; more are refused RESOURCE_EXHAUSTED")
      ->envname("VNN_GROUP_COMMIT_MAX_QUEUED")
      ->check(CLI::Range(1, 1'000'000))
      ->capture_default_str();

  app.add_option("--nats-url", s.nats.url, "NATS server URL(s), comma separated")
      ->envname("VNN_NATS_URL")
      ->capture_default_str();
  app.add_option("--nats-stream", s.nats.stream, "JetStream stream holding vnn.> events")
      ->envname("VNN_NATS_STREAM")
      ->capture_default_str();
  app.add_option("--nats-stream-replicas", s.nats.stream_replicas,
                 "stream replicas (3 in production)")
      ->envname("VNN_NATS_STREAM_REPLICAS")
      ->check(CLI::Range(1, 5))
      ->capture_default_str();
  app.add_option("--nats-storage", s.nats.storage, "stream storage: file|memory")
      ->envname("VNN_NATS_STORAGE")
      ->check(CLI::IsMember({"file", "memory"}))
      ->capture_default_str();
  app.add_option("--nats-user", s.nats.user, "NATS user name (with --nats-password-file)")
      ->envname("VNN_NATS_USER");
  app.add_option("--nats-password-file", s.nats.password_file,
                 "file holding the NATS user's password (secret)")
      ->envname("VNN_NATS_PASSWORD_FILE")
      ->check(CLI::ExistingFile);
  app.add_option("--nats-creds-file", s.nats.credentials_file,
                 "NATS credentials file (user JWT and NKey seed; secret)")
      ->envname("VNN_NATS_CREDS_FILE")
      ->check(CLI::ExistingFile);
  app.add_option("--nats-ca", s.nats.ca_file,
                 "CA bundle that NATS servers' TLS certificates are verified with")
      ->envname("VNN_NATS_CA")
      ->check(CLI::ExistingFile);
  add_duration(app, "--nats-duplicate-window-s", s.nats.duplicate_window,
               "VNN_NATS_DUPLICATE_WINDOW_S", "JetStream de-duplication window");
  add_duration(app, "--nats-stream-max-age-h", s.nats.stream_max_age, "VNN_NATS_STREAM_MAX_AGE_H",
               "how long the stream keeps events");

  add_duration(app, "--outbox-retention-h", s.outbox.retention, "VNN_OUTBOX_RETENTION_H",
               "how long published outbox rows are kept for republishing");
  app.add_option("--outbox-batch", s.outbox.batch_size, "events the relay publishes per batch")
      ->envname("VNN_OUTBOX_BATCH")
      ->check(CLI::Range(1, 10000))
      ->capture_default_str();

  app.add_option("--import-max-rows", s.imports.max_rows, "data rows one CSV import may hold")
      ->envname("VNN_IMPORT_MAX_ROWS")
      ->check(CLI::Range(std::int64_t{1}, std::int64_t{100'000'000}))
      ->capture_default_str();
  app.add_option("--import-max-bytes", s.imports.max_bytes, "bytes of CSV one import may send")
      ->envname("VNN_IMPORT_MAX_BYTES")
      ->check(CLI::Range(std::int64_t{1}, std::int64_t{16} << 30))
      ->capture_default_str();

  add_duration(app, "--idempotency-retention-h", s.retention.idempotency,
               "VNN_IDEMPOTENCY_RETENTION_H",
               "how long a request id's stored answer is kept for retries");
  add_duration(app, "--inbox-retention-h", s.retention.inbox, "VNN_INBOX_RETENTION_H",
               "how long consumers' inbox and cursor rows are kept (longer than the stream's "
               "max age)");
  add_duration(app, "--prune-interval-s", s.retention.prune_interval, "VNN_PRUNE_INTERVAL_S",
               "how often old idempotency, inbox and cursor rows are pruned");

  app.add_option("--consumer-max-deliveries", s.consumer.max_deliveries,
                 "failed deliveries before an event is dead-lettered")
      ->envname("VNN_CONSUMER_MAX_DELIVERIES")
      ->check(CLI::Range(1, 100))
      ->capture_default_str();
  add_duration(app, "--consumer-ack-wait-ms", s.consumer.ack_wait, "VNN_CONSUMER_ACK_WAIT_MS",
               "time a consumer has to apply an event before it is redelivered");
  add_duration(app, "--consumer-retry-delay-ms", s.consumer.retry_delay,
               "VNN_CONSUMER_RETRY_DELAY_MS", "first redelivery delay after a failure");

  app.add_option("--jwt-key", s.auth.verification_keys,
                 "token verification key kid=<id>,alg=<HS256|RS256|ES256>,file=<path>; repeatable")
      ->envname("VNN_JWT_KEYS")
      ->delimiter(';');
  app.add_option("--page-token-key-file", s.page_tokens.key_file,
                 "file holding the key (32+ bytes) page tokens are signed with; the same for all "
                 "replicas of a service (secret); unset: a random key per process")
      ->envname("VNN_PAGE_TOKEN_KEY_FILE");
  app.add_option("--page-token-previous-key-file", s.page_tokens.previous_key_file,
                 "the key before the last rotation, still accepted for page tokens (secret)")
      ->envname("VNN_PAGE_TOKEN_PREVIOUS_KEY_FILE");
  add_duration(app, "--page-token-ttl-s", s.page_tokens.ttl, "VNN_PAGE_TOKEN_TTL_S",
               "how long a page token may be used to continue a list")
      ->check(CLI::PositiveNumber);
  app.add_option("--jwt-signing-key", s.auth.signing_key,
                 "this service's own signing key (kid=…,alg=…,file=…) for calls to other services")
      ->envname("VNN_JWT_SIGNING_KEY");
  app.add_option("--jwt-issuer", s.auth.issuer, "accepted token issuer")
      ->envname("VNN_JWT_ISSUER")
      ->capture_default_str();
  app.add_option("--jwt-audience", s.auth.audience, "required token audience")
      ->envname("VNN_JWT_AUDIENCE")
      ->capture_default_str();

  app.add_option("--tls-cert", s.tls.cert_file, "server certificate (PEM); enables TLS")
      ->envname("VNN_TLS_CERT")
      ->check(CLI::ExistingFile);
  app.add_option("--tls-key", s.tls.key_file, "server private key (PEM)")
      ->envname("VNN_TLS_KEY")
      ->check(CLI::ExistingFile);
  app.add_option("--tls-client-ca", s.tls.client_ca_file,
                 "CA bundle for client certificates; enables mutual TLS")
      ->envname("VNN_TLS_CLIENT_CA")
      ->check(CLI::ExistingFile);
}

void validate_platform_settings(const PlatformSettings& s, bool needs_database, bool needs_nats,
                                bool needs_auth) {
  if (needs_database && s.db.dsn.empty()) {
    throw CLI::ValidationError("--db-dsn", "required (or VNN_DB_DSN)");
  }
  if (needs_nats && s.nats.url.empty()) {
    throw CLI::ValidationError("--nats-url", "required (or VNN_NATS_URL)");
  }
  if (needs_auth && s.auth.verification_keys.empty()) {
    throw CLI::ValidationError("--jwt-key",
                               "at least one token verification key is required (or VNN_JWT_KEYS)");
  }
  if (s.tls.cert_file.empty() != s.tls.key_file.empty()) {
    throw CLI::ValidationError("--tls-cert/--tls-key", "give both or neither");
  }
  if (!s.tls.client_ca_file.empty() && s.tls.cert_file.empty()) {
    throw CLI::ValidationError("--tls-client-ca", "mutual TLS needs --tls-cert and --tls-key");
  }
  if (s.nats.user.empty() != s.nats.password_file.empty()) {
    throw CLI::ValidationError("--nats-user/--nats-password-file", "give both or neither");
  }
  if (!s.nats.user.empty() && !s.nats.credentials_file.empty()) {
    throw CLI::ValidationError("--nats-creds-file",
                               "give a credentials file or a user and password, not both");
  }
  if (s.db.statement_timeout_ceiling.count() == 0 ||
      s.db.import_statement_timeout_ceiling < s.db.statement_timeout_ceiling) {
    throw CLI::ValidationError(
        "--db-import-statement-timeout-ceiling-ms",
        "ceilings must be positive, the import's not below the ordinary one");
  }
  // An inbox row is what makes a redelivered event a repeat: it must outlive every copy of the
  // event the stream can still deliver.
  if (s.retention.inbox <= s.nats.stream_max_age) {
    throw CLI::ValidationError(
        "--inbox-retention-h",
        "must be longer than the stream's max age (--nats-stream-max-age-h)");
  }
  if (s.retention.idempotency.count() == 0 || s.retention.prune_interval.count() == 0) {
    throw CLI::ValidationError("--idempotency-retention-h/--prune-interval-s", "must be positive");
  }
  if (s.db.acquire_timeout.count() == 0) {
    throw CLI::ValidationError("--db-acquire-timeout-ms", "must be positive");
  }
  if (!s.health_listen.empty() && s.health_listen == s.listen) {
    throw CLI::ValidationError("--health-listen", "must differ from --listen");
  }
  if (s.nats.duplicate_window.count() == 0 ||
      std::chrono::duration_cast<std::chrono::hours>(s.nats.duplicate_window) >
          s.nats.stream_max_age) {
    throw CLI::ValidationError("--nats-duplicate-window-s",
                               "must be positive and not longer than the stream's max age");
  }
}

std::string redact_dsn(const std::string& dsn) {
  // URI form: postgresql://user:secret@host/db ; key/value form: password=secret
  static const std::regex uri_password(R"(^([a-z]+://[^:/@]*:)[^@]*@)");
  static const std::regex kv_password(R"((password\s*=\s*)('[^']*'|\S+))");
  std::string out = std::regex_replace(dsn, uri_password, "$1***@");
  return std::regex_replace(out, kv_password, "$1***");
}

}  // namespace vnn::platform
