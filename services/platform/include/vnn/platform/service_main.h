#pragma once
// The whole life of a service process, shared by all four services. `main` only describes the
// service; this runs it:
//
//   vnn-<service> [serve]            migrate (if --db-migration-dsn), then serve until SIGTERM
//   vnn-<service> migrate            apply migrations and exit
//   vnn-<service> outbox-republish --from-seq A --to-seq B
//                                    publish outbox rows A..B again (after a NATS loss)
//
// Serving means: PostgreSQL pool, NATS connection and stream, outbox relay, event consumers,
// gRPC server with health (NOT_SERVING while PostgreSQL or NATS is unreachable) and reflection,
// Prometheus metrics, and a graceful stop on SIGTERM (stop accepting, finish in-flight calls,
// flush the relay).

#include <grpcpp/impl/service_type.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "vnn/platform/config.h"
#include "vnn/platform/db/migrations.h"
#include "vnn/platform/events/event_consumer.h"
#include "vnn/platform/rpc/service_context.h"

namespace CLI {
class App;
}

namespace vnn::platform {

// A maintenance command of one service (`vnn-<service> <name> …`), e.g. re-sealing personal data
// under a new key. It gets the platform settings (database) and the service's own, checked by
// `validate`; no NATS, no token keys.
struct ServiceCommand {
  std::string name;
  std::string description;
  std::function<void(CLI::App&)> add_options;       // on the command's own subcommand
  std::function<int(const PlatformSettings&)> run;  // the process's exit code
};

struct ServiceDefinition {
  // One name everywhere: "household_review" is the folder, C++ namespace, proto package, event
  // subject prefix (vnn.household_review.*), schema and metrics label. Only where a form
  // forbids '_' does it become '-': the binary and NATS connection (vnn-household-review).
  std::string name;
  std::string schema;                           // PostgreSQL schema it owns, e.g. "donation"
  std::string runtime_role;                     // login role, e.g. "vnn_donation"
  std::string description;                      // first line of --help
  db::MigrationSet migrations;                  // the service's own; the platform's run first
  std::vector<std::string> append_only_tables;  // besides the platform's audit_log
  std::vector<std::string> extensions;
  // Prepares the service's statements on every new pool connection.
  std::function<void(pqxx::connection&)> prepare;
  // Service-specific settings on the same command line.
  std::function<void(CLI::App&)> add_options;
  // Checks and loads the service's own settings after parsing (e.g. reads key files); throw
  // std::invalid_argument with one line naming the setting to stop with exit code 2.
  std::function<void()> validate;
  // The gRPC services to serve, created once the platform is up.
  std::function<std::vector<std::unique_ptr<grpc::Service>>(rpc::ServiceContext&)> make_services;
  // Maintenance commands besides serve, migrate and outbox-republish.
  std::vector<ServiceCommand> commands;
  // Event consumers to run.
  std::function<std::vector<events::ConsumerSpec>(rpc::ServiceContext&)> consumers;
  // Work of the service's own beside its handlers and consumers (e.g. publishing snapshots),
  // started once the server serves. The function it returns runs on SIGTERM before the server
  // drains its calls: it stops that work and ends long-lived streams, so that they do not hold
  // the stop for the whole grace period.
  std::function<std::function<void()>(const PlatformSettings&, rpc::ServiceContext&)> background;

  // "vnn-" + name with '_' as '-': the binary's name.
  std::string binary_name() const {
    std::string binary = "vnn-" + name;
    for (char& c : binary) {
      if (c == '_') c = '-';
    }
    return binary;
  }
};

int service_main(int argc, char** argv, const ServiceDefinition& definition);

}  // namespace vnn::platform
