#pragma once
// The Prometheus metrics every service exports (prometheus-cpp). One instance per process;
// components record into it, and an HTTP exposer serves it when --metrics-listen is set.

#include <prometheus/counter.h>
#include <prometheus/exposer.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

#include <chrono>
#include <memory>
#include <string>

namespace vnn::platform {

class Metrics {
 public:
  explicit Metrics(std::string service);

  // Starts serving /metrics on host:port; empty address: nothing is served.
  void serve(const std::string& address);

  void record_rpc(const std::string& method, const std::string& code,
                  std::chrono::duration<double> latency);
  void set_outbox_backlog(double events, double oldest_age_seconds);
  void add_published(double events);
  void set_consumer_lag(const std::string& consumer, double pending);
  void add_consumed(const std::string& consumer, const std::string& outcome);
  void set_pool(double in_use, double size);
  // A call refused for want of a valid token: counted, never audited row by row.
  void add_unauthenticated(const std::string& method);
  // An audit entry of a refused or failed call that the background writer had no room for.
  void add_audit_dropped();

  std::shared_ptr<prometheus::Registry> registry() const { return registry_; }

 private:
  std::string service_;
  std::shared_ptr<prometheus::Registry> registry_;
  std::unique_ptr<prometheus::Exposer> exposer_;
  prometheus::Family<prometheus::Counter>& rpc_total_;
  prometheus::Family<prometheus::Histogram>& rpc_latency_;
  prometheus::Family<prometheus::Gauge>& outbox_backlog_;
  prometheus::Family<prometheus::Gauge>& outbox_lag_;
  prometheus::Family<prometheus::Counter>& outbox_published_;
  prometheus::Family<prometheus::Gauge>& consumer_lag_;
  prometheus::Family<prometheus::Counter>& consumer_events_;
  prometheus::Family<prometheus::Gauge>& pool_connections_;
  prometheus::Family<prometheus::Counter>& unauthenticated_;
  prometheus::Family<prometheus::Counter>& audit_dropped_;
};

}  // namespace vnn::platform
