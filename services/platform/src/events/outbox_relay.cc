#include "vnn/platform/events/outbox_relay.h"

#include <mutex>
#include <pqxx/pqxx>
#include <unordered_map>
#include <vector>

#include "vnn/platform/db/arrays.h"
#include "vnn/platform/errors.h"
#include "vnn/platform/events/outbox.h"
#include "vnn/platform/log.h"
#include "vnn/platform/text/scrub.h"

namespace vnn::platform::events {

std::string subject_producer(const std::string& subject) {
  if (subject.rfind("vnn.", 0) != 0) return {};
  const std::size_t end = subject.find('.', 4);
  if (end == std::string::npos || end == 4) return {};
  return subject.substr(4, end - 4);
}

namespace {

using SteadyClock = std::chrono::steady_clock;

class WakeUp final : public pqxx::notification_receiver {
 public:
  WakeUp(pqxx::connection_base& c, const std::string& channel)
      : pqxx::notification_receiver(c, channel) {}
  void operator()(const std::string&, int) override {}
};

}  // namespace

// One leadership term of the relay: a PostgreSQL connection that holds the relay lock and
// LISTENs, and a JetStream context whose async acks are matched back to outbox rows.
class OutboxRelay::Worker {
 public:
  Worker(OutboxRelay& relay, const RelayOptions& options)
      : relay_(relay),
        options_(options),
        connection_(options.dsn),
        wake_(connection_, outbox_channel(options.schema)) {
    connection_.set_variable("search_path", connection_.quote_name(options.schema));
    connection_.set_variable("jit", "off");
    // The outbox grows from empty while the relay runs. A generic plan made while it was small
    // stamps published rows by scanning the whole table (docs/benchmarks.md); planned each
    // time, it is an index lookup.
    connection_.set_variable("plan_cache_mode", "force_custom_plan");
    // Stamped rows leave dead entries in outbox_unpublished until vacuum. A plain index scan
    // marks them dead in the index and skips them next time; a bitmap scan (the planner's
    // choice from stale statistics) visits every one of them, and their heap pages, each poll.
    connection_.set_variable("enable_bitmapscan", "off");
    connection_.prepare("lock", "SELECT pg_try_advisory_lock(hashtextextended($1, 0))");
    connection_.prepare("pending",
                        "SELECT seq, event_id::text, subject, envelope FROM outbox "
                        "WHERE published_at IS NULL ORDER BY seq LIMIT $1");
    connection_.prepare("stamp",
                        "UPDATE outbox SET published_at = now() WHERE seq = ANY($1::bigint[])");
    connection_.prepare("backlog",
                        "SELECT count(*), COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0)"
                        "::float8 FROM outbox WHERE published_at IS NULL");
    connection_.prepare("expire",
                        "DELETE FROM outbox WHERE seq IN (SELECT seq FROM outbox WHERE "
                        "published_at < now() - make_interval(hours => $1) LIMIT 10000)");
    js_ = relay.nats_.new_context(&Worker::on_ack, this);
  }

  ~Worker() { jsCtx_Destroy(js_); }

  bool try_lead() {
    pqxx::nontransaction tx(connection_);
    return tx.exec_prepared1("lock", "vnn.relay." + options_.schema)[0].as<bool>();
  }

  // Returns on a NOTIFY, after idle_poll, or soon after the relay is asked to stop.
  void wait_for_work() {
    auto until = SteadyClock::now() + options_.idle_poll;
    while (!relay_.stopping_ && SteadyClock::now() < until) {
      if (connection_.await_notification(0, 100'000) > 0) return;
    }
  }

  // Publishes the oldest unpublished events; returns how many were stamped published, or -1
  // when the fault-injection hook abandoned the batch.
  int publish_batch() {
    pqxx::result rows;
    {
      pqxx::nontransaction tx(connection_);
      rows = tx.exec_prepared("pending", options_.batch_size);
    }
    if (rows.empty()) return 0;
    if (!relay_.nats_.connected()) throw Error(ErrorCode::kUnavailable, "NATS not connected");

    std::vector<std::int64_t> seqs;
    seqs.reserve(rows.size());
    {
      std::lock_guard lock(mutex_);
      index_.clear();
      acked_.assign(rows.size(), false);
    }
    std::size_t sent = 0;
    for (const auto& row : rows) {
      seqs.push_back(row[0].as<std::int64_t>());
      const std::string event_id = row[1].as<std::string>();
      pqxx::binarystring envelope(row[3]);
      {
        std::lock_guard lock(mutex_);
        index_[event_id] = sent;
      }
      natsMsg* message = nullptr;
      natsStatus status = natsMsg_Create(&message, row[2].c_str(), nullptr,
                                         reinterpret_cast<const char*>(envelope.data()),
                                         static_cast<int>(envelope.size()));
      if (status == NATS_OK) status = natsMsgHeader_Set(message, "Nats-Msg-Id", event_id.c_str());
      if (status == NATS_OK && !options_.producer.empty()) {
        status = natsMsgHeader_Set(message, kProducerHeader, options_.producer.c_str());
      }
      if (status == NATS_OK) status = js_PublishMsgAsync(js_, &message, nullptr);
      natsMsg_Destroy(message);  // no-op when the library took it
      if (status != NATS_OK) break;
      ++sent;
    }
    jsPubOptions wait;
    jsPubOptions_Init(&wait);
    wait.MaxWait = options_.publish_timeout.count();
    if (js_PublishAsyncComplete(js_, &wait) != NATS_OK) {
      natsMsgList pending{};
      if (js_PublishAsyncGetPendingList(&pending, js_) == NATS_OK) natsMsgList_Destroy(&pending);
    }
    // Stamp only the acknowledged prefix: what follows a failure is sent again, after it,
    // so that each aggregate's events reach the stream in order.
    std::size_t prefix = 0;
    {
      std::lock_guard lock(mutex_);
      while (prefix < sent && acked_[prefix]) ++prefix;
      index_.clear();
    }
    if (options_.after_publish && !options_.after_publish()) return -1;
    if (prefix > 0) {
      pqxx::nontransaction tx(connection_);
      tx.exec_prepared("stamp", db::bigint_array(seqs, prefix));
    }
    if (prefix < rows.size()) {
      if (prefix == 0) throw Error(ErrorCode::kUnavailable, "JetStream did not acknowledge");
    }
    more_pending_ =
        rows.size() >= static_cast<std::size_t>(options_.batch_size) || prefix < rows.size();
    return static_cast<int>(prefix);
  }

  // Whether the last batch left events behind for certain: it was full, or not all of it was
  // acknowledged. Otherwise what committed since its query has notified (or will, within the
  // notifier's coalescing), so the relay can wait instead of querying again at once.
  bool more_pending() const { return more_pending_; }

  void report_backlog(Metrics* metrics) {
    pqxx::nontransaction tx(connection_);
    auto row = tx.exec_prepared1("backlog");
    if (metrics) metrics->set_outbox_backlog(row[0].as<double>(), row[1].as<double>());
  }

  void expire_published() {
    pqxx::nontransaction tx(connection_);
    auto result = tx.exec_prepared("expire", static_cast<long long>(options_.retention.count()));
    if (result.affected_rows() > 0) {
      log::info("expired published outbox rows", {{"rows", result.affected_rows()}});
    }
  }

 private:
  static void on_ack(jsCtx*, natsMsg* message, jsPubAck* ack, jsPubAckErr* error, void* closure) {
    auto* self = static_cast<Worker*>(closure);
    const char* id = nullptr;
    if (ack != nullptr && error == nullptr &&
        natsMsgHeader_Get(message, "Nats-Msg-Id", &id) == NATS_OK && id != nullptr) {
      std::lock_guard lock(self->mutex_);
      auto found = self->index_.find(id);
      if (found != self->index_.end()) self->acked_[found->second] = true;
    }
    natsMsg_Destroy(message);
  }

  OutboxRelay& relay_;
  const RelayOptions& options_;
  pqxx::connection connection_;
  WakeUp wake_;
  jsCtx* js_ = nullptr;
  std::mutex mutex_;
  std::unordered_map<std::string, std::size_t> index_;
  std::vector<bool> acked_;
  bool more_pending_ = false;
};

OutboxRelay::OutboxRelay(RelayOptions options, const NatsClient& nats, Metrics* metrics)
    : options_(std::move(options)), nats_(nats), metrics_(metrics) {}

OutboxRelay::~OutboxRelay() { stop(); }

void OutboxRelay::start() {
  stopping_ = false;
  thread_ = std::thread([this] { run(); });
}

void OutboxRelay::stop(std::chrono::milliseconds flush_for) {
  if (!thread_.joinable()) return;
  flush_until_ms_ = std::chrono::duration_cast<std::chrono::milliseconds>(
                        (SteadyClock::now() + flush_for).time_since_epoch())
                        .count();
  stopping_ = true;
  thread_.join();
}

void OutboxRelay::run() {
  auto backoff = std::chrono::milliseconds(100);
  auto flushing = [this] {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               SteadyClock::now().time_since_epoch())
               .count() < flush_until_ms_.load();
  };
  while (!stopping_ || flushing()) {
    try {
      Worker worker(*this, options_);
      while (!stopping_ && !worker.try_lead()) {
        leader_ = false;
        std::this_thread::sleep_for(std::chrono::seconds(1));  // a stand-by replica
      }
      if (stopping_) break;
      leader_ = true;
      log::info("outbox relay leading", {{"schema", options_.schema}});
      auto next_housekeeping = SteadyClock::now();
      auto next_backlog = SteadyClock::now();
      while (true) {
        if (stopping_ && !flushing()) break;
        auto now = SteadyClock::now();
        if (now >= next_backlog) {
          worker.report_backlog(metrics_);
          next_backlog = now + std::chrono::seconds(1);
        }
        int stamped = worker.publish_batch();
        if (stamped < 0) {  // fault injection: behave as if the process died here
          leader_ = false;
          return;
        }
        if (stamped > 0) {
          published_total_ += stamped;
          if (metrics_) metrics_->add_published(stamped);
          backoff = std::chrono::milliseconds(100);
          // Under load an immediate second query mostly found nothing (a third of them did)
          // and was planned and run for nothing; a stopping relay drains to the end instead.
          if (worker.more_pending() || stopping_) continue;
        }
        if (now >= next_housekeeping) {
          worker.expire_published();
          next_housekeeping = now + std::chrono::minutes(1);
        }
        if (stopping_) break;  // nothing pending: the flush is complete
        worker.wait_for_work();
      }
      break;  // stopped
    } catch (const std::exception& e) {
      leader_ = false;
      if (stopping_ && !flushing()) break;
      log::warn("outbox relay waiting", {{"schema", options_.schema},
                                         {"error", text::scrub_database_error(e.what())},
                                         {"retry_in_ms", backoff.count()}});
      std::this_thread::sleep_for(backoff);
      backoff = std::min(backoff * 2, std::chrono::milliseconds(5000));
    }
  }
  leader_ = false;
}

std::int64_t republish_range(const std::string& dsn, const std::string& schema,
                             std::int64_t from_seq, std::int64_t to_seq) {
  pqxx::connection c(dsn);
  pqxx::work tx(c);
  tx.exec("SET LOCAL search_path = " + tx.quote_name(schema));
  auto result = tx.exec_params(
      "UPDATE outbox SET published_at = NULL WHERE seq BETWEEN $1 AND $2 AND published_at IS NOT "
      "NULL",
      from_seq, to_seq);
  tx.exec_params("SELECT pg_notify($1, '')", outbox_channel(schema));
  tx.commit();
  return result.affected_rows();
}

}  // namespace vnn::platform::events
