#include "vnn/platform/events/event_consumer.h"

#include "hold_back.h"
#include "vnn/platform/db/transaction.h"
#include "vnn/platform/errors.h"
#include "vnn/platform/events/outbox_relay.h"
#include "vnn/platform/log.h"
#include "vnn/platform/text/scrub.h"

namespace vnn::platform::events {
namespace {

constexpr std::int64_t kNanosPerMilli = 1'000'000;

using Outcome = EventOutcome;

// At most this many events share one transaction. Fetched one at a time (libnats 3.4 can
// overflow its heap fetching batches: nats.c issue 749), but committed together: the commit,
// not the fetch, is what one event at a time paid for.
constexpr std::size_t kMaxBatch = 64;
// How long to wait for one more event before applying those gathered: an idle consumer
// applies a lone event this much later, a busy one finds the next event already waiting.
constexpr int kGatherWaitMs = 2;

const char* outcome_name(Outcome outcome) {
  switch (outcome) {
    case Outcome::kApplied:
      return "applied";
    case Outcome::kAppliedOutOfOrder:
      return "applied_out_of_order";
    case Outcome::kRepeat:
      return "repeat";
    case Outcome::kStale:
      return "stale";
    case Outcome::kHeldBack:
      return "held_back";
  }
  return "unknown";
}

// An event that arrived before one it depends on (strict order): retried, not an error.
struct HeldBack {};

HoldBackPolicy hold_back_policy_of(const ConsumerSettings& settings) {
  return {.retry_delay = settings.retry_delay,
          .ack_wait = settings.ack_wait,
          .max_deliveries = settings.max_deliveries};
}

int deliveries_of(natsMsg* message) {
  jsMsgMetaData* meta = nullptr;
  if (natsMsg_GetMetaData(&meta, message) != NATS_OK) return 1;
  int delivered = static_cast<int>(meta->NumDelivered);
  jsMsgMetaData_Destroy(meta);
  return delivered;
}

std::string header(natsMsg* message, const char* key) {
  const char* value = nullptr;
  if (natsMsgHeader_Get(message, key, &value) == NATS_OK && value != nullptr) return value;
  return {};
}

}  // namespace

EventConsumer::EventConsumer(ConsumerSpec spec, const ConsumerSettings& settings,
                             db::ConnectionPool& pool, const NatsClient& nats, Metrics* metrics)
    : spec_(std::move(spec)), settings_(settings), pool_(pool), nats_(nats), metrics_(metrics) {}

EventConsumer::~EventConsumer() { stop(); }

void EventConsumer::start() {
  stopping_ = false;
  thread_ = std::thread([this] { run(); });
}

void EventConsumer::stop() {
  stopping_ = true;
  if (thread_.joinable()) thread_.join();
}

std::int64_t EventConsumer::lag() const { return lag_.load(); }

void EventConsumer::ensure_consumer(jsCtx* js) const {
  jsConsumerConfig config;
  jsConsumerConfig_Init(&config);
  config.Durable = spec_.name.c_str();
  config.Name = spec_.name.c_str();
  config.FilterSubject = spec_.filter_subject.c_str();
  config.AckPolicy = js_AckExplicit;
  config.DeliverPolicy = js_DeliverAll;
  config.AckWait = settings_.ack_wait.count() * kNanosPerMilli;
  // Redelivery is bounded by the dead-letter table, not by the server: an event must never be
  // dropped while PostgreSQL is down and the dead letter cannot be written.
  config.MaxDeliver = -1;
  config.MaxAckPending = 1000;
  const char* stream = nats_.settings().stream.c_str();
  jsConsumerInfo* info = nullptr;
  jsErrCode error = static_cast<jsErrCode>(0);
  natsStatus status = js_GetConsumerInfo(&info, js, stream, spec_.name.c_str(), nullptr, &error);
  if (status == NATS_NOT_FOUND) {
    status = js_AddConsumer(&info, js, stream, &config, nullptr, &error);
  } else if (status == NATS_OK) {
    jsConsumerInfo_Destroy(info);
    info = nullptr;
    status = js_UpdateConsumer(&info, js, stream, &config, nullptr, &error);
  }
  if (info != nullptr) jsConsumerInfo_Destroy(info);
  check_nats(status, "JetStream consumer bootstrap");
}

void EventConsumer::run() {
  auto backoff = std::chrono::milliseconds(100);
  while (!stopping_) {
    jsCtx* js = nullptr;
    natsSubscription* subscription = nullptr;
    try {
      js = nats_.new_context();
      nats_.ensure_stream();
      ensure_consumer(js);
      jsSubOptions options;
      jsSubOptions_Init(&options);
      options.Stream = nats_.settings().stream.c_str();
      options.Consumer = spec_.name.c_str();  // bind: never let the library create or delete it
      jsErrCode error = static_cast<jsErrCode>(0);
      check_nats(js_PullSubscribe(&subscription, js, spec_.filter_subject.c_str(),
                                  spec_.name.c_str(), nullptr, &options, &error),
                 "JetStream pull subscribe");
      log::info("consumer started", {{"consumer", spec_.name}, {"subject", spec_.filter_subject}});
      backoff = std::chrono::milliseconds(100);
      auto next_lag = std::chrono::steady_clock::now();
      while (!stopping_) {
        if (std::chrono::steady_clock::now() >= next_lag) {
          jsConsumerInfo* info = nullptr;
          if (js_GetConsumerInfo(&info, js, options.Stream, options.Consumer, nullptr, &error) ==
              NATS_OK) {
            lag_ = static_cast<std::int64_t>(info->NumPending) + info->NumAckPending;
            if (metrics_) metrics_->set_consumer_lag(spec_.name, static_cast<double>(lag_));
            jsConsumerInfo_Destroy(info);
          }
          next_lag = std::chrono::steady_clock::now() + std::chrono::seconds(1);
        }
        // Batch 1 per fetch: libnats 3.4 can overflow its heap fetching larger batches while
        // messages are pending (nats.c issue 749). What arrives meanwhile is gathered and
        // applied in one transaction.
        natsMsgList list{};
        auto started = std::chrono::steady_clock::now();
        natsStatus status = natsSubscription_Fetch(&list, subscription, 1, 500, &error);
        if (status == NATS_TIMEOUT || status == NATS_NOT_FOUND) {
          // libnats 3.4 may return a timeout at once, repeatedly: do not spin.
          if (std::chrono::steady_clock::now() - started < std::chrono::milliseconds(50)) {
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
          }
          continue;
        }
        check_nats(status, "JetStream fetch");
        std::vector<natsMsgList> lists{list};
        std::vector<natsMsg*> gathered(list.Msgs, list.Msgs + list.Count);
        while (gathered.size() < kMaxBatch && !stopping_) {
          natsMsgList more{};
          if (natsSubscription_Fetch(&more, subscription, 1, kGatherWaitMs, &error) != NATS_OK) {
            break;
          }
          lists.push_back(more);
          gathered.insert(gathered.end(), more.Msgs, more.Msgs + more.Count);
        }
        try {
          handle_batch(gathered);
        } catch (...) {
          for (auto& l : lists) natsMsgList_Destroy(&l);
          throw;
        }
        for (auto& l : lists) natsMsgList_Destroy(&l);  // destroys the messages too
      }
    } catch (const std::exception& e) {
      if (!stopping_) {
        log::warn("consumer waiting", {{"consumer", spec_.name},
                                       {"error", text::scrub_database_error(e.what())},
                                       {"retry_in_ms", backoff.count()}});
      }
    }
    if (subscription != nullptr) natsSubscription_Destroy(subscription);  // keeps the durable
    if (js != nullptr) jsCtx_Destroy(js);
    if (stopping_) break;
    std::this_thread::sleep_for(backoff);
    backoff = std::min(backoff * 2, std::chrono::milliseconds(5000));
  }
}

std::optional<EventConsumer::Delivery> EventConsumer::receive(natsMsg* message) {
  Delivery d;
  d.message = message;
  d.subject = natsMsg_GetSubject(message);
  d.delivered = deliveries_of(message);
  auto& event = d.event;
  const bool parsed =
      event.ParseFromArray(natsMsg_GetData(message), natsMsg_GetDataLength(message)) &&
      !event.event_id().empty();
  if (!parsed) event.set_event_id(header(message, "Nats-Msg-Id"));
  if (event.event_id().empty()) event.set_event_id("unidentified:" + d.subject);
  if (!parsed) {
    fail(message, event, d.subject, d.delivered, "not a vnn.common.v1.EventEnvelope");
    return std::nullopt;
  }
  // Only a subject's own service may publish on it (each service's NATS user publishes only
  // vnn.<service>.>): an envelope naming another producer, or a relay header that disagrees
  // with the subject, is forged or misrouted. Set aside at once, never applied, and without
  // moving the aggregate's position.
  const std::string expected = subject_producer(d.subject);
  const std::string stamped = header(message, kProducerHeader);
  if (expected.empty() || event.producer() != expected ||
      (!stamped.empty() && stamped != expected)) {
    fail(message, event, d.subject, d.delivered,
         "producer \"" + event.producer() + "\" does not match subject " + d.subject,
         Failure::kRefused);
    return std::nullopt;
  }
  return d;
}

Outcome EventConsumer::apply(pqxx::transaction_base& tx, const Delivery& d) {
  const auto& event = d.event;
  auto fresh = tx.exec_params(
      "INSERT INTO inbox (consumer, event_id, subject, outcome) VALUES ($1, $2, $3, "
      "'applied') ON CONFLICT DO NOTHING RETURNING 1",
      spec_.name, event.event_id(), d.subject);
  if (fresh.empty()) return Outcome::kRepeat;
  auto cursor = tx.exec_params(
      "SELECT aggregate_version FROM consumer_cursor WHERE consumer = $1 AND aggregate_type "
      "= $2 AND aggregate_id = $3 FOR UPDATE",
      spec_.name, event.aggregate_type(), event.aggregate_id());
  const std::int64_t last = cursor.empty() ? 0 : cursor[0][0].as<std::int64_t>();
  if (event.aggregate_version() <= last) {
    tx.exec_params("UPDATE inbox SET outcome = 'skipped' WHERE consumer = $1 AND event_id = $2",
                   spec_.name, event.event_id());
    return Outcome::kStale;
  }
  Outcome applied = Outcome::kApplied;
  if (event.aggregate_version() > last + 1) {
    // Strict order holds an event back for the one before it, but only for a while
    // (hold_back.h: longer than a dead consumer's ack wait): after that the missing event is
    // taken as lost (its republishing will find it stale) and this one is applied, recorded as
    // out of order, rather than redelivered for ever and the aggregate stopped.
    if (spec_.strict_order && hold_back_again(hold_back_policy_of(settings_), d.delivered))
      throw HeldBack{};
    log::warn("event version gap", {{"consumer", spec_.name},
                                    {"aggregate", event.aggregate_type()},
                                    {"aggregate_id", event.aggregate_id()},
                                    {"last", last},
                                    {"version", event.aggregate_version()}});
    if (spec_.strict_order) {
      applied = Outcome::kAppliedOutOfOrder;
      tx.exec_params(
          "UPDATE inbox SET outcome = 'applied_out_of_order' WHERE consumer = $1 AND "
          "event_id = $2",
          spec_.name, event.event_id());
    }
  }
  spec_.handler(tx, event);
  tx.exec_params(
      "INSERT INTO consumer_cursor (consumer, aggregate_type, aggregate_id, aggregate_version) "
      "VALUES ($1, $2, $3, $4) ON CONFLICT (consumer, aggregate_type, aggregate_id) DO UPDATE "
      "SET aggregate_version = EXCLUDED.aggregate_version, updated_at = now()",
      spec_.name, event.aggregate_type(), event.aggregate_id(), event.aggregate_version());
  return applied;
}

void EventConsumer::handle_batch(const std::vector<natsMsg*>& messages) {
  if (messages.size() == 1) {
    handle(messages.front());
    return;
  }
  std::vector<Delivery> ready;
  for (auto* message : messages) {
    if (auto d = receive(message)) ready.push_back(std::move(*d));
  }
  if (ready.empty()) return;
  std::vector<Outcome> outcomes(ready.size());
  // Per event that did not apply: empty when applied, kHeldBackReason when it waits for an
  // earlier version, else why it failed.
  static const std::string kHeldBackReason = "\x01held back";
  std::vector<std::string> refused(ready.size());
  const db::TxOptions tx_options{.deadline = std::nullopt,
                                 .default_statement_timeout = settings_.ack_wait,
                                 .statement_timeout_ceiling = settings_.ack_wait};
  try {
    db::with_transaction(pool_, tx_options, [&](pqxx::transaction_base& tx) {
      // Savepoints by hand: the platform's transaction is a session with explicit BEGIN and
      // COMMIT (db/transaction.cc), not a pqxx::dbtransaction.
      for (std::size_t i = 0; i < ready.size(); ++i) {
        refused[i].clear();
        log::CorrelationScope correlation(ready[i].event.correlation_id());
        tx.exec("SAVEPOINT vnn_event");
        try {
          outcomes[i] = apply(tx, ready[i]);
          tx.exec("RELEASE SAVEPOINT vnn_event");
        } catch (const pqxx::transaction_rollback&) {
          // Serialization failure, deadlock (and a commit in doubt): the whole transaction.
          throw;
        } catch (const pqxx::broken_connection&) {
          throw;
        } catch (const HeldBack&) {
          tx.exec("ROLLBACK TO SAVEPOINT vnn_event");
          refused[i] = kHeldBackReason;
        } catch (const std::exception& e) {
          // Rolled back alone; after the commit it is retried later or dead-lettered, as an
          // event applied on its own would be.
          tx.exec("ROLLBACK TO SAVEPOINT vnn_event");
          refused[i] = e.what();
          if (refused[i].empty()) refused[i] = "failed";
        }
      }
    });
  } catch (const Error&) {
    // Our own database is away: every event comes back after the delay, none counts towards
    // the dead-letter limit.
    for (const auto& d : ready) {
      natsMsg_NakWithDelay(d.message, settings_.retry_delay.count() * 4, nullptr);
    }
    throw;
  }
  for (std::size_t i = 0; i < ready.size(); ++i) {
    const auto& d = ready[i];
    if (refused[i] == kHeldBackReason) {
      const auto delay = hold_back_delay(hold_back_policy_of(settings_), d.delivered);
      natsMsg_NakWithDelay(d.message, delay.count(), nullptr);
      if (metrics_) metrics_->add_consumed(spec_.name, outcome_name(Outcome::kHeldBack));
    } else if (!refused[i].empty()) {
      fail(d.message, d.event, d.subject, d.delivered, refused[i]);
    } else {
      natsMsg_Ack(d.message, nullptr);
      if (outcomes[i] == Outcome::kApplied || outcomes[i] == Outcome::kAppliedOutOfOrder) {
        ++applied_;
      }
      if (metrics_) metrics_->add_consumed(spec_.name, outcome_name(outcomes[i]));
    }
  }
}

void EventConsumer::handle(natsMsg* message) {
  auto received = receive(message);
  if (!received) return;
  const Delivery& d = *received;
  const auto& event = d.event;
  log::CorrelationScope correlation(event.correlation_id());
  // An event has until its ack wait, not a call's statement-timeout ceiling.
  const db::TxOptions tx_options{.deadline = std::nullopt,
                                 .default_statement_timeout = settings_.ack_wait,
                                 .statement_timeout_ceiling = settings_.ack_wait};
  try {
    const Outcome outcome = db::with_transaction(
        pool_, tx_options, [&](pqxx::transaction_base& tx) { return apply(tx, d); });
    natsMsg_Ack(message, nullptr);
    if (outcome == Outcome::kApplied || outcome == Outcome::kAppliedOutOfOrder) ++applied_;
    if (metrics_) metrics_->add_consumed(spec_.name, outcome_name(outcome));
  } catch (const HeldBack&) {
    // Backing off as a failing event does, so the missing one (perhaps being retried itself)
    // has as many chances to arrive as this one has to wait.
    const auto delay = hold_back_delay(hold_back_policy_of(settings_), d.delivered);
    natsMsg_NakWithDelay(message, delay.count(), nullptr);
    if (metrics_) metrics_->add_consumed(spec_.name, outcome_name(Outcome::kHeldBack));
  } catch (const Error& e) {
    if (e.code() != ErrorCode::kUnavailable && e.code() != ErrorCode::kDeadlineExceeded) {
      fail(message, event, d.subject, d.delivered, e.what());
      return;
    }
    // Our own database is away: not the event's fault, so it does not count towards the
    // dead-letter limit. The fetch loop backs off; the event comes back after the delay.
    natsMsg_NakWithDelay(message, settings_.retry_delay.count() * 4, nullptr);
    throw;
  } catch (const std::exception& e) {
    fail(message, event, d.subject, d.delivered, e.what());
  }
}

void EventConsumer::fail(natsMsg* message, const vnn::common::v1::EventEnvelope& event,
                         const std::string& subject, int delivered, const std::string& reason,
                         Failure failure) {
  if (failure == Failure::kRetry && delivered < settings_.max_deliveries) {
    auto delay = settings_.retry_delay * (1 << std::min(delivered - 1, 10));
    log::warn("event failed; will retry", {{"consumer", spec_.name},
                                           {"event_id", event.event_id()},
                                           {"delivery", delivered},
                                           {"error", text::scrub_database_error(reason)}});
    natsMsg_NakWithDelay(message, delay.count(), nullptr);
    if (metrics_) metrics_->add_consumed(spec_.name, "failed");
    return;
  }
  const std::string bytes(natsMsg_GetData(message),
                          static_cast<std::size_t>(natsMsg_GetDataLength(message)));
  // An event has until its ack wait, not a call's statement-timeout ceiling.
  const db::TxOptions tx_options{.deadline = std::nullopt,
                                 .default_statement_timeout = settings_.ack_wait,
                                 .statement_timeout_ceiling = settings_.ack_wait};
  db::with_transaction(pool_, tx_options, [&](pqxx::transaction_base& tx) {
    // The aggregate's position moves past the dead letter, so its next version is applied
    // instead of being held back behind an event that will never be applied. An envelope that
    // could not be read names no aggregate; the limit on held-back events covers that case.
    if (failure == Failure::kRetry && !event.aggregate_type().empty() &&
        event.aggregate_version() > 0) {
      tx.exec_params(
          "INSERT INTO consumer_cursor (consumer, aggregate_type, aggregate_id, "
          "aggregate_version) VALUES ($1, $2, $3, $4) ON CONFLICT (consumer, aggregate_type, "
          "aggregate_id) DO UPDATE SET aggregate_version = GREATEST("
          "consumer_cursor.aggregate_version, EXCLUDED.aggregate_version)",
          spec_.name, event.aggregate_type(), event.aggregate_id(), event.aggregate_version());
    }
    tx.exec_params(
        "INSERT INTO dead_letter (consumer, event_id, subject, envelope, deliveries, error) "
        "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (consumer, event_id) DO NOTHING",
        spec_.name, event.event_id(), subject, pqxx::binarystring(bytes.data(), bytes.size()),
        delivered, reason);
    // A refused event's id is not taken into the inbox: a forged event must not make the real
    // event with the same id look like a repeat.
    if (failure == Failure::kRetry) {
      tx.exec_params(
          "INSERT INTO inbox (consumer, event_id, subject, outcome) VALUES ($1, $2, $3, "
          "'dead_lettered') ON CONFLICT DO NOTHING",
          spec_.name, event.event_id(), subject);
    }
  });
  log::error("event dead-lettered", {{"consumer", spec_.name},
                                     {"event_id", event.event_id()},
                                     {"deliveries", delivered},
                                     {"error", text::scrub_database_error(reason)}});
  // Recorded: tell the server to stop redelivering it (not a NAK, not a plain ack).
  natsMsg_Term(message, nullptr);
  if (metrics_) metrics_->add_consumed(spec_.name, "dead_lettered");
}

}  // namespace vnn::platform::events
