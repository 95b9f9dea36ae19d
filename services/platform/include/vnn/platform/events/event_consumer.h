#pragma once
// Consuming events from JetStream with a durable pull consumer, created explicitly, with
// explicit acks. Each event is applied and recorded in the inbox in one transaction, so a
// redelivered event is applied once. A failing event is retried with growing delays and, after
// the configured number of deliveries, moved to the dead-letter table with its error, so it
// stops blocking the others. Replicas of a service share one durable consumer's work.

#include <atomic>
#include <chrono>
#include <functional>
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <thread>
#include <vector>

#include "vnn/common/v1/event.pb.h"
#include "vnn/platform/config.h"
#include "vnn/platform/db/pool.h"
#include "vnn/platform/events/nats_client.h"
#include "vnn/platform/metrics.h"

namespace vnn::platform::events {

// Applies one event inside the consumer's transaction; throw to refuse it (it is retried).
using EventHandler =
    std::function<void(pqxx::transaction_base& tx, const vnn::common::v1::EventEnvelope& event)>;

struct ConsumerSpec {
  std::string name;  // durable name, e.g. "household_review_campaigns" (no dots: NATS forbids them)
  std::string filter_subject;  // e.g. "vnn.donation.campaign.>"
  EventHandler handler;
  // When true, an event whose aggregate version skips one is held back (redelivered later)
  // until the missing one is applied; when false it is applied and the gap logged.
  bool strict_order = false;
};

// What became of one delivered event.
enum class EventOutcome { kApplied, kAppliedOutOfOrder, kRepeat, kStale, kHeldBack };

class EventConsumer {
 public:
  EventConsumer(ConsumerSpec spec, const ConsumerSettings& settings, db::ConnectionPool& pool,
                const NatsClient& nats, Metrics* metrics);
  ~EventConsumer();
  EventConsumer(const EventConsumer&) = delete;
  EventConsumer& operator=(const EventConsumer&) = delete;

  // Creates (or updates) the durable consumer on the stream and starts fetching.
  void start();
  void stop();

  // Messages the server still has to deliver, or delivered and not yet acknowledged.
  std::int64_t lag() const;
  std::int64_t applied_total() const { return applied_.load(); }

 private:
  void run();
  void ensure_consumer(jsCtx* js) const;
  // One event in a transaction of its own, with the retry, hold-back and dead-letter rules.
  void handle(natsMsg* message);
  // Several fetched events in one transaction, each inside a savepoint; one that fails or must
  // wait is rolled back alone and handled on its own afterwards. Acknowledged after the commit.
  void handle_batch(const std::vector<natsMsg*>& messages);
  struct Delivery {
    natsMsg* message = nullptr;
    std::string subject;
    int delivered = 1;
    vnn::common::v1::EventEnvelope event;
  };
  // The event of a message, or nullopt when it was refused at once (a forged producer, an
  // unreadable envelope): dead-lettered and terminated already.
  std::optional<Delivery> receive(natsMsg* message);
  // The transaction body of one event: inbox, aggregate position, the handler. Throws
  // HeldBack (event_consumer.cc) when strict order makes it wait.
  EventOutcome apply(pqxx::transaction_base& tx, const Delivery& delivery);
  // A failed delivery: retried with a growing delay, or dead-lettered after the last one.
  // kRetry: redelivered with a growing delay until the limit, then dead-lettered (and the
  // aggregate's position moved past it). kRefused: dead-lettered at once, position unchanged.
  enum class Failure { kRetry, kRefused };
  void fail(natsMsg* message, const vnn::common::v1::EventEnvelope& event,
            const std::string& subject, int delivered, const std::string& reason,
            Failure failure = Failure::kRetry);

  ConsumerSpec spec_;
  ConsumerSettings settings_;
  db::ConnectionPool& pool_;
  const NatsClient& nats_;
  Metrics* metrics_;
  std::atomic<bool> stopping_{false};
  std::atomic<std::int64_t> applied_{0};
  std::atomic<std::int64_t> lag_{0};
  std::thread thread_;
};

}  // namespace vnn::platform::events
