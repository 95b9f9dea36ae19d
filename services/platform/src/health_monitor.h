#pragma once
// Watches PostgreSQL and NATS and drives the standard gRPC health service: SERVING only while
// both are reachable (and the stream exists), so Kubernetes' grpc probes and load balancers
// stop sending calls that could not succeed. Private to the platform.

#include <grpcpp/health_check_service_interface.h>

#include <atomic>
#include <memory>
#include <pqxx/pqxx>
#include <thread>

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

  void attach(grpc::HealthCheckServiceInterface* service) { service_ = service; }
  void start();
  // NOT_SERVING from now on (shutdown has begun).
  void stop_serving();
  void stop();

 private:
  void check_once();
  bool database_reachable();

  const PlatformSettings& settings_;
  std::string schema_;
  const events::NatsClient& nats_;
  const db::ConnectionPool& pool_;
  Metrics& metrics_;
  grpc::HealthCheckServiceInterface* service_ = nullptr;
  std::unique_ptr<pqxx::connection> probe_;
  bool stream_ready_ = false;
  int last_state_ = -1;
  std::atomic<bool> stopping_{false};
  std::atomic<bool> shutting_down_{false};
  std::thread thread_;
};

}  // namespace vnn::platform
