#pragma once
// Publishes committed outbox events to JetStream, in outbox order, with Nats-Msg-Id = event id,
// and stamps them published. One relay per schema is active at a time (a PostgreSQL advisory
// lock); other replicas wait as stand-bys. It wakes on NOTIFY, backs off while NATS is away and
// catches up when it returns. At-least-once: a crash between publishing and stamping republishes,
// which JetStream's duplicate window and the consumers' inboxes absorb.

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "vnn/platform/events/nats_client.h"
#include "vnn/platform/metrics.h"

namespace vnn::platform::events {

// The header the relay stamps with the producing service's name.
inline constexpr const char* kProducerHeader = "Vnn-Producer";
// The service a subject belongs to: "donation" for "vnn.donation.campaign.changed"; empty if
// the subject is not vnn.<service>.….
std::string subject_producer(const std::string& subject);

struct RelayOptions {
  std::string dsn;     // the service's runtime role
  std::string schema;  // whose outbox
  // Stamped on every message as the "Vnn-Producer" header (the service's name, as in its
  // subjects vnn.<producer>.…); consumers refuse an event whose producer is not its subject's.
  std::string producer;
  int batch_size = 1000;
  std::chrono::hours retention{24 * 7};
  std::chrono::milliseconds publish_timeout{5000};
  std::chrono::milliseconds idle_poll{1000};  // wake-up when no NOTIFY arrives (safety net)
  // Fault injection for tests: called after a batch is acknowledged by JetStream and before it
  // is stamped; returning false abandons the batch unstamped, as a crash there would.
  std::function<bool()> after_publish;
};

class OutboxRelay {
 public:
  OutboxRelay(RelayOptions options, const NatsClient& nats, Metrics* metrics);
  ~OutboxRelay();
  OutboxRelay(const OutboxRelay&) = delete;
  OutboxRelay& operator=(const OutboxRelay&) = delete;

  void start();
  // Stops the loop; first publishes what is pending for up to `flush_for` when NATS is up.
  void stop(std::chrono::milliseconds flush_for = std::chrono::milliseconds(0));

  std::int64_t published_total() const { return published_total_.load(); }
  bool is_leader() const { return leader_.load(); }

 private:
  class Worker;
  void run();
  RelayOptions options_;
  const NatsClient& nats_;
  Metrics* metrics_;
  std::atomic<bool> stopping_{false};
  std::atomic<bool> leader_{false};
  std::atomic<std::int64_t> published_total_{0};
  std::atomic<std::int64_t> flush_until_ms_{0};
  std::thread thread_;
};

// Operator command: marks outbox rows in [from_seq, to_seq] unpublished again, so the running
// relay publishes them once more in order; returns how many. Safe: consumers apply an event once.
std::int64_t republish_range(const std::string& dsn, const std::string& schema,
                             std::int64_t from_seq, std::int64_t to_seq);

}  // namespace vnn::platform::events
