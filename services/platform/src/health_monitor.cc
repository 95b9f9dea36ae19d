#include "health_monitor.h"

#include "vnn/platform/log.h"
#include "vnn/platform/text/scrub.h"

namespace vnn::platform {

HealthMonitor::HealthMonitor(const PlatformSettings& settings, std::string schema,
                             const events::NatsClient& nats, const db::ConnectionPool& pool,
                             Metrics& metrics)
    : settings_(settings),
      schema_(std::move(schema)),
      nats_(nats),
      pool_(pool),
      metrics_(metrics) {}

HealthMonitor::~HealthMonitor() { stop(); }

void HealthMonitor::start() {
  check_once();  // the first answer is known before the first probe arrives
  thread_ = std::thread([this] {
    while (!stopping_) {
      auto next = std::chrono::steady_clock::now() + settings_.health_interval;
      while (!stopping_ && std::chrono::steady_clock::now() < next) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
      if (!stopping_) check_once();
    }
  });
}

void HealthMonitor::stop_serving() {
  std::lock_guard lock(publishing_);
  shutting_down_ = true;
  for (auto* service : services_) service->SetServingStatus(false);
}

void HealthMonitor::stop() {
  stopping_ = true;
  if (thread_.joinable()) thread_.join();
}

bool HealthMonitor::database_reachable() {
  try {
    if (!probe_) probe_ = std::make_unique<pqxx::connection>(settings_.db.dsn);
    pqxx::nontransaction tx(*probe_);
    tx.exec("SELECT 1");
    return true;
  } catch (const std::exception&) {
    probe_.reset();  // reconnect on the next check
    return false;
  }
}

void HealthMonitor::check_once() {
  const bool database = database_reachable();
  bool nats = nats_.connected();
  if (nats && !stream_ready_) {
    try {
      nats_.ensure_stream();
      stream_ready_ = true;
    } catch (const std::exception& e) {
      log::warn("stream bootstrap failed", {{"error", text::scrub_database_error(e.what())}});
    }
  }
  nats = nats && stream_ready_;
  const bool serving = database && nats && !shutting_down_;
  metrics_.set_pool(pool_.in_use(), pool_.size());
  const int state = (database ? 1 : 0) | (nats ? 2 : 0);
  if (state != last_state_) {
    log::info(serving ? "health: serving" : "health: not serving",
              {{"postgresql", database}, {"nats", nats}});
    last_state_ = state;
  }
  publish(database, nats);
}

void HealthMonitor::publish(bool database, bool nats) {
  std::lock_guard lock(publishing_);
  if (shutting_down_) return;
  for (auto* service : services_) {
    service->SetServingStatus("", database && nats);
    service->SetServingStatus(kReadiness, database);
    service->SetServingStatus(kLiveness, true);
  }
}

}  // namespace vnn::platform
