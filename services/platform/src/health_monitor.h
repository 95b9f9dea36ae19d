#pragma once
// Watches PostgreSQL and NATS and drives the standard gRPC health service under three names:
//   ""          SERVING while PostgreSQL and NATS (with the stream) are reachable: the whole
//               picture, for operators and `vnnctl health`;
//   "readiness" SERVING while PostgreSQL is reachable: calls can be served. NATS is left out
//               because the outbox keeps events until NATS is back;
//   "liveness"  SERVING while the process runs and answers: a restart would not cure an
//               unreachable PostgreSQL or NATS, so neither takes part.
// Every name turns NOT_SERVING once shutdown begins. Private to the platform.

#include <grpcpp/health_check_service_interface.h>

#include <atomic>
#include <memory>
#include <mutex>
#include <pqxx/pqxx>
#include <thread>
#include <vector>

#include "vnn/platform/config.h"
#include "vnn/platform/db/pool.h"
#include "vnn/platform/events/nats_client.h"
#include "vnn/platform/metrics.h"

namespace vnn::platform {

class HealthMonitor {
 public:
  HealthMonitor(const PlatformSettings& settings, std::string schema,
                const events::NatsClient& nats, const db::ConnectionPool& pool, Metrics& metrics);
  ~HealthMonitor();

  static constexpr const char* kLiveness = "liveness";
  static constexpr const char* kReadiness = "readiness";

  // Each attached health service (the main server's, the health-only server's) gets the same
  // answers. Attach before start().
  void attach(grpc::HealthCheckServiceInterface* service) { services_.push_back(service); }
  void start();
  // NOT_SERVING from now on (shutdown has begun).
  void stop_serving();
  void stop();

 private:
  void check_once();
  bool database_reachable();
  void publish(bool database, bool nats);

  const PlatformSettings& settings_;
  std::string schema_;
  const events::NatsClient& nats_;
  const db::ConnectionPool& pool_;
  Metrics& metrics_;
  std::vector<grpc::HealthCheckServiceInterface*> services_;
  std::mutex publishing_;  // a check's answers never land after shutdown's NOT_SERVING
  std::unique_ptr<pqxx::connection> probe_;
  bool stream_ready_ = false;
  int last_state_ = -1;
  std::atomic<bool> stopping_{false};
  std::atomic<bool> shutting_down_{false};
  std::thread thread_;
};

}  // namespace vnn::platform
