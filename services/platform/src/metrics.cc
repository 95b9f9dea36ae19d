#include "vnn/platform/metrics.h"

namespace vnn::platform {

Metrics::Metrics(std::string service)
    : service_(std::move(service)),
      registry_(std::make_shared<prometheus::Registry>()),
      rpc_total_(prometheus::BuildCounter()
                     .Name("vnn_rpc_requests_total")
                     .Help("gRPC calls by method and status code")
                     .Register(*registry_)),
      rpc_latency_(prometheus::BuildHistogram()
                       .Name("vnn_rpc_latency_seconds")
                       .Help("gRPC call latency by method")
                       .Register(*registry_)),
      outbox_backlog_(prometheus::BuildGauge()
                          .Name("vnn_outbox_backlog_events")
                          .Help("events written to the outbox and not yet published")
                          .Register(*registry_)),
      outbox_lag_(prometheus::BuildGauge()
                      .Name("vnn_outbox_publish_lag_seconds")
                      .Help("age of the oldest unpublished outbox event")
                      .Register(*registry_)),
      outbox_published_(prometheus::BuildCounter()
                            .Name("vnn_outbox_published_total")
                            .Help("events the relay published to JetStream")
                            .Register(*registry_)),
      consumer_lag_(prometheus::BuildGauge()
                        .Name("vnn_consumer_lag_events")
                        .Help("events pending or unacknowledged for a durable consumer")
                        .Register(*registry_)),
      consumer_events_(prometheus::BuildCounter()
                           .Name("vnn_consumer_events_total")
                           .Help("events handled by consumer and outcome")
                           .Register(*registry_)),
      pool_connections_(prometheus::BuildGauge()
                            .Name("vnn_db_pool_connections")
                            .Help("database pool connections by state")
                            .Register(*registry_)),
      unauthenticated_(prometheus::BuildCounter()
                           .Name("vnn_unauthenticated_calls_total")
                           .Help("calls refused for want of a valid token, by method")
                           .Register(*registry_)),
      audit_dropped_(prometheus::BuildCounter()
                         .Name("vnn_audit_dropped_total")
                         .Help("audit entries of refused or failed calls dropped: queue full")
                         .Register(*registry_)) {}

void Metrics::serve(const std::string& address) {
  if (address.empty()) return;
  exposer_ = std::make_unique<prometheus::Exposer>(address);
  exposer_->RegisterCollectable(registry_);
}

void Metrics::record_rpc(const std::string& method, const std::string& code,
                         std::chrono::duration<double> latency) {
  rpc_total_.Add({{"service", service_}, {"method", method}, {"code", code}}).Increment();
  static const prometheus::Histogram::BucketBoundaries kBuckets{
      0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
  rpc_latency_.Add({{"service", service_}, {"method", method}}, kBuckets).Observe(latency.count());
}

void Metrics::set_outbox_backlog(double events, double oldest_age_seconds) {
  outbox_backlog_.Add({{"service", service_}}).Set(events);
  outbox_lag_.Add({{"service", service_}}).Set(oldest_age_seconds);
}

void Metrics::add_published(double events) {
  outbox_published_.Add({{"service", service_}}).Increment(events);
}

void Metrics::set_consumer_lag(const std::string& consumer, double pending) {
  consumer_lag_.Add({{"service", service_}, {"consumer", consumer}}).Set(pending);
}

void Metrics::add_consumed(const std::string& consumer, const std::string& outcome) {
  consumer_events_.Add({{"service", service_}, {"consumer", consumer}, {"outcome", outcome}})
      .Increment();
}

void Metrics::set_pool(double in_use, double size) {
  pool_connections_.Add({{"service", service_}, {"state", "in_use"}}).Set(in_use);
  pool_connections_.Add({{"service", service_}, {"state", "size"}}).Set(size);
}

void Metrics::add_unauthenticated(const std::string& method) {
  unauthenticated_.Add({{"service", service_}, {"method", method}}).Increment();
}

void Metrics::add_audit_dropped() { audit_dropped_.Add({{"service", service_}}).Increment(); }

}  // namespace vnn::platform
