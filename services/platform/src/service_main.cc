#include "vnn/platform/service_main.h"

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/grpcpp.h>
#include <grpcpp/health_check_service_interface.h>
#include <signal.h>

#include <CLI/CLI.hpp>
#include <atomic>
#include <fstream>
#include <iostream>
#include <optional>
#include <thread>

#include "health_monitor.h"
#include "rpc/status_mapping.h"
#include "vnn/platform/crypto/secrets.h"
#include "vnn/platform/db/migrations.h"
#include "vnn/platform/db/pool.h"
#include "vnn/platform/db/retention.h"
#include "vnn/platform/errors.h"
#include "vnn/platform/events/nats_client.h"
#include "vnn/platform/events/outbox.h"
#include "vnn/platform/events/outbox_notifier.h"
#include "vnn/platform/events/outbox_relay.h"
#include "vnn/platform/log.h"
#include "vnn/platform/metrics.h"
#include "vnn/platform/mutex_checks.h"
#include "vnn/platform/rpc/handler.h"
#include "vnn/platform/text/scrub.h"

namespace vnn::platform {
namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::invalid_argument("cannot read " + path);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

std::shared_ptr<grpc::ServerCredentials> server_credentials(const TlsSettings& tls) {
  if (tls.cert_file.empty()) return grpc::InsecureServerCredentials();
  grpc::SslServerCredentialsOptions options(
      tls.client_ca_file.empty() ? GRPC_SSL_DONT_REQUEST_CLIENT_CERTIFICATE
                                 : GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY);
  options.pem_key_cert_pairs.push_back({read_file(tls.key_file), read_file(tls.cert_file)});
  if (!tls.client_ca_file.empty()) options.pem_root_certs = read_file(tls.client_ca_file);
  return grpc::SslServerCredentials(options);
}

// A plaintext server with nothing but grpc.health.v1 (the default health service; the
// reflection plugin, registered process-wide by gRPC, comes along and lists only the public API
// descriptors). Kubernetes' grpc probes present no client certificate, so under mutual TLS
// they ask here. Null when no address is set.
std::unique_ptr<grpc::Server> start_health_server(const std::string& address) {
  if (address.empty()) return nullptr;
  grpc::ServerBuilder builder;
  builder.SetSyncServerOption(grpc::ServerBuilder::SyncServerOption::MIN_POLLERS, 1);
  builder.SetSyncServerOption(grpc::ServerBuilder::SyncServerOption::MAX_POLLERS, 2);
  int port = 0;
  builder.AddListeningPort(address, grpc::InsecureServerCredentials(), &port);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (!server || port == 0) throw std::runtime_error("cannot listen on " + address);
  log::info("health-only port", {{"port", port}});
  return server;
}

db::SchemaSpec schema_spec(const ServiceDefinition& definition) {
  db::SchemaSpec spec;
  spec.schema = definition.schema;
  spec.runtime_role = definition.runtime_role;
  spec.extensions = definition.extensions;
  spec.append_only_tables = definition.append_only_tables;
  spec.append_only_tables.push_back("audit_log");
  spec.append_only_tables.push_back("personal_data_read");
  return spec;
}

void migrate(const PlatformSettings& settings, const ServiceDefinition& definition) {
  auto identity = db::parse_dsn_identity(settings.db.dsn);
  if (!identity.user.empty() && identity.user != definition.runtime_role) {
    throw std::invalid_argument("--db-dsn connects as '" + identity.user +
                                "' but this service runs as '" + definition.runtime_role + "'");
  }
  auto report =
      db::apply_migrations(settings.db.migration_dsn, schema_spec(definition),
                           {db::platform_migrations(), definition.migrations}, identity.password);
  log::info("migrations done", {{"schema", definition.schema},
                                {"applied", report.applied},
                                {"already_applied", report.already_applied}});
}

// A service's own tokens are issued in its own name ("iss" "donation", "sub"
// "service:donation"); each names the service it is for (OutgoingClient).
std::unique_ptr<auth::TokenMinter> own_credentials(const PlatformSettings& settings) {
  if (settings.auth.signing_key.empty()) return nullptr;
  return std::make_unique<auth::TokenMinter>(auth::load_signing_key(settings.auth.signing_key),
                                             rpc::ServiceContext::token_name(settings.service_name),
                                             std::string());
}

auth::TokenVerifier make_verifier(const PlatformSettings& settings) {
  std::vector<auth::VerificationKey> keys;
  for (const auto& spec : settings.auth.verification_keys) {
    keys.push_back(auth::load_verification_key(spec));
  }
  auth::VerifierOptions options;
  options.issuer = settings.auth.issuer;
  options.audience = settings.auth.audience;
  options.service_audience = rpc::ServiceContext::token_name(settings.service_name);
  return auth::TokenVerifier(std::move(keys), std::move(options));
}

// The page-token key every replica shares (and the previous one during a rotation); without a
// key file, a random key: tokens then hold for this process only, which is logged. Throws
// std::invalid_argument for an unreadable or short key file.
rpc::PageTokenSigner page_token_signer(const PlatformSettings& settings) {
  const auto& s = settings.page_tokens;
  if (s.key_file.empty()) {
    if (!s.previous_key_file.empty()) {
      throw std::invalid_argument("VNN_PAGE_TOKEN_PREVIOUS_KEY_FILE needs VNN_PAGE_TOKEN_KEY_FILE");
    }
    return rpc::PageTokenSigner::ephemeral(s.ttl);
  }
  std::vector<std::string> keys{crypto::read_key_file(s.key_file, "VNN_PAGE_TOKEN_KEY_FILE")};
  if (!s.previous_key_file.empty()) {
    keys.push_back(crypto::read_key_file(s.previous_key_file, "VNN_PAGE_TOKEN_PREVIOUS_KEY_FILE"));
  }
  return rpc::PageTokenSigner(std::move(keys), s.ttl);
}

int serve(const PlatformSettings& settings, const ServiceDefinition& definition,
          rpc::PageTokenSigner page_tokens) {
  const auto started = std::chrono::steady_clock::now();
  rpc::set_error_domain("vnn." + definition.name);
  if (!settings.db.migration_dsn.empty()) migrate(settings, definition);

  Metrics metrics(definition.name);
  metrics.serve(settings.metrics_listen);

  db::PoolOptions pool_options;
  pool_options.dsn = settings.db.dsn;
  pool_options.size = settings.db.pool_size;
  pool_options.schema = definition.schema;
  pool_options.acquire_timeout = settings.db.acquire_timeout;
  pool_options.on_connect.push_back(events::OutboxWriter::prepare);
  pool_options.on_connect.push_back(rpc::prepare_handler_statements);
  if (definition.prepare) pool_options.on_connect.push_back(definition.prepare);
  db::ConnectionPool pool(pool_options);

  const auth::TokenVerifier verifier = make_verifier(settings);
  events::OutboxNotifier notifier(settings.db.dsn, definition.schema);
  rpc::ServiceContext context(definition.name, pool, verifier, metrics,
                              settings.db.default_statement_timeout, &notifier,
                              own_credentials(settings));
  text::ImportLimits import_limits;
  import_limits.max_rows = settings.imports.max_rows;
  import_limits.max_bytes = settings.imports.max_bytes;
  context.set_import_limits(import_limits);
  if (settings.page_tokens.key_file.empty()) {
    log::warn("no VNN_PAGE_TOKEN_KEY_FILE: page tokens hold for this process only");
  }
  context.set_page_tokens(std::move(page_tokens));
  context.set_statement_timeout_ceilings(settings.db.statement_timeout_ceiling,
                                         settings.db.import_statement_timeout_ceiling);
  context.set_admission(rpc::AdmissionLimits{
      .audit_queue = static_cast<std::size_t>(settings.admission.audit_queue),
      .refusal_log_interval = settings.admission.refusal_log_interval,
      .group_commit_max_queued =
          static_cast<std::size_t>(settings.admission.group_commit_max_queued)});

  events::NatsClient nats(settings.nats, definition.binary_name());
  HealthMonitor health(settings, definition.schema, nats, pool, metrics);

  auto services = definition.make_services ? definition.make_services(context)
                                           : std::vector<std::unique_ptr<grpc::Service>>{};
  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  // Keep idle handler threads around instead of ending and re-creating one per burst of calls.
  builder.SetSyncServerOption(grpc::ServerBuilder::SyncServerOption::MIN_POLLERS, 2);
  builder.SetSyncServerOption(grpc::ServerBuilder::SyncServerOption::MAX_POLLERS, 64);
  int port = 0;
  builder.AddListeningPort(settings.listen, server_credentials(settings.tls), &port);
  for (auto& service : services) builder.RegisterService(service.get());
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (!server || port == 0) {
    throw std::runtime_error("cannot listen on " + settings.listen);
  }
  std::unique_ptr<grpc::Server> health_server = start_health_server(settings.health_listen);
  health.attach(server->GetHealthCheckService());
  if (health_server) health.attach(health_server->GetHealthCheckService());
  health.start();

  events::RelayOptions relay_options;
  relay_options.dsn = settings.db.dsn;
  relay_options.schema = definition.schema;
  relay_options.producer = definition.name;
  relay_options.batch_size = settings.outbox.batch_size;
  relay_options.retention = settings.outbox.retention;
  // The relay has a connection of its own: it publishes a batch of events and then waits for
  // their acknowledgements, so its writes are buffered and sent together, while consumers'
  // fetch requests go out at once (NatsWrites). Buffering cuts the CPU nats-server spends per
  // event (docs/benchmarks.md).
  events::NatsClient relay_nats(settings.nats, definition.binary_name() + "-relay",
                                events::NatsWrites::kBuffered);
  events::OutboxRelay relay(relay_options, relay_nats, &metrics);
  relay.start();

  std::vector<std::unique_ptr<events::EventConsumer>> consumers;
  std::vector<std::string> strict_consumers;  // their cursors are never pruned
  if (definition.consumers) {
    for (auto& spec : definition.consumers(context)) {
      if (spec.strict_order) strict_consumers.push_back(spec.name);
      consumers.push_back(std::make_unique<events::EventConsumer>(
          std::move(spec), settings.consumer, pool, nats, &metrics));
      consumers.back()->start();
    }
  }

  db::RetentionPruner pruner(pool, db::RetentionOptions{
                                       .idempotency = settings.retention.idempotency,
                                       .inbox = settings.retention.inbox,
                                       .interval = settings.retention.prune_interval,
                                       .keep_cursors_of = strict_consumers,
                                   });
  pruner.start();

  const std::function<void()> stop_background =
      definition.background ? definition.background(settings, context) : nullptr;

  if (!settings.port_file.empty()) {
    std::ofstream(settings.port_file + ".tmp") << port << "\n";
    std::rename((settings.port_file + ".tmp").c_str(), settings.port_file.c_str());
  }
  log::info("serving", {{"port", port},
                        {"startup_ms", std::chrono::duration_cast<std::chrono::milliseconds>(
                                           std::chrono::steady_clock::now() - started)
                                           .count()}});

  // Signals were blocked in every thread at start; this thread takes them here.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  int received = 0;
  sigwait(&signals, &received);
  log::info("stopping", {{"signal", received == SIGTERM ? "SIGTERM" : "SIGINT"}});

  health.stop_serving();                   // load balancers and probes move away first
  if (stop_background) stop_background();  // long-lived streams end now, not at the grace's end
  server->Shutdown(std::chrono::system_clock::now() + settings.shutdown_grace);
  for (auto& consumer : consumers) consumer->stop();
  pruner.stop();
  relay.stop(std::chrono::milliseconds(5000));  // publish what the last calls wrote
  health.stop();
  if (health_server) health_server->Shutdown(std::chrono::system_clock::now());
  log::info("stopped", {{"published", relay.published_total()}});
  return 0;
}

}  // namespace

int service_main(int argc, char** argv, const ServiceDefinition& definition) {
  // Block the stop signals before any thread exists, so every thread inherits the mask and
  // only serve()'s sigwait takes them. A write to a closed socket must not kill us.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  signal(SIGPIPE, SIG_IGN);
  skip_mutex_deadlock_detection();
  // Health checks and reconnects must not hang on an unreachable database host.
  setenv("PGCONNECT_TIMEOUT", "2", 0);

  PlatformSettings settings;
  settings.service_name = definition.name;
  CLI::App app(definition.description, definition.binary_name());
  app.set_help_all_flag("--help-all", "all settings, with their environment variables");
  add_platform_options(app, settings);
  if (definition.add_options) definition.add_options(app);
  app.require_subcommand(0, 1);
  app.fallthrough();
  auto* serve_command = app.add_subcommand("serve", "serve gRPC until SIGTERM (the default)");
  auto* migrate_command = app.add_subcommand("migrate", "apply database migrations and exit");
  auto* republish_command =
      app.add_subcommand("outbox-republish", "publish outbox rows again, e.g. after a NATS loss");
  std::int64_t from_seq = 0;
  std::int64_t to_seq = 0;
  republish_command->add_option("--from-seq", from_seq, "first outbox seq")->required();
  republish_command->add_option("--to-seq", to_seq, "last outbox seq")->required();
  (void)serve_command;
  std::vector<std::pair<CLI::App*, const ServiceCommand*>> service_commands;
  for (const auto& command : definition.commands) {
    auto* sub = app.add_subcommand(command.name, command.description);
    if (command.add_options) command.add_options(*sub);
    service_commands.emplace_back(sub, &command);
  }
  const ServiceCommand* chosen = nullptr;

  std::optional<rpc::PageTokenSigner> page_tokens;
  try {
    app.parse(argc, argv);
    const bool migrating = migrate_command->parsed();
    const bool republishing = republish_command->parsed();
    for (const auto& [sub, command] : service_commands) {
      if (sub->parsed()) chosen = command;
    }
    if (migrating && settings.db.migration_dsn.empty()) {
      throw CLI::ValidationError("--db-migration-dsn", "required for migrate");
    }
    const bool serving = !migrating && !republishing && chosen == nullptr;
    validate_platform_settings(settings, true, serving, serving);
    if (definition.validate && (serving || chosen != nullptr)) definition.validate();
    if (serving) page_tokens.emplace(page_token_signer(settings));
  } catch (const std::invalid_argument& e) {
    std::cerr << definition.binary_name() << ": " << e.what() << "\n";
    return 2;
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);  // --help
    std::cerr << definition.binary_name() << ": " << e.what() << "\n";
    return 2;
  }

  log::init(definition.name, settings.log_level);
  try {
    if (!settings.replay_today.empty()) {
      const auto day = Date::parse_iso(settings.replay_today);
      if (!day)
        throw std::invalid_argument("VNN_REPLAY_TODAY is not a date: " + settings.replay_today);
      Date::set_replay_today(*day);
      log::warn("replaying a past campaign: today is taken as another day",
                {{"today", day->iso()}});
    }
    if (migrate_command->parsed()) {
      migrate(settings, definition);
      return 0;
    }
    if (chosen != nullptr) return chosen->run(settings);
    if (republish_command->parsed()) {
      auto rows = events::republish_range(settings.db.dsn, definition.schema, from_seq, to_seq);
      log::info("outbox rows queued for republishing", {{"rows", rows}});
      std::cout << rows << "\n";
      return 0;
    }
    return serve(settings, definition, std::move(*page_tokens));
  } catch (const std::exception& e) {
    log::error("fatal", {{"error", text::scrub_database_error(e.what())}});
    std::cerr << definition.binary_name() << ": " << e.what() << "\n";
    return 1;
  }
}

}  // namespace vnn::platform
