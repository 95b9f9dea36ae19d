// The transactional outbox and its relay against the real PostgreSQL and nats-server: an event
// committed is published exactly once — across a nats-server restart and a relay that dies
// between publishing and stamping — in per-aggregate order; a rolled-back one never is.

#include "vnn/platform/events/outbox_relay.h"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <thread>

#include "vnn/platform/db/transaction.h"
#include "vnn/platform/events/outbox.h"
#include "vnn/platform/events/outbox_notifier.h"
#include "vnn/testing/jetstream_reader.h"
#include "vnn/testing/probe_database.h"
#include "vnn/testing/test_stack.h"
#include "vnn/testing/v1/probe.pb.h"

namespace vnn::testing {
namespace {

using namespace std::chrono_literals;
using platform::events::EventDraft;
using platform::events::OutboxRelay;
using platform::events::OutboxWriter;

platform::NatsSettings nats_settings() {
  platform::NatsSettings settings = TestStack::get().nats_settings();
  return settings;
}

class OutboxRelayTest : public ::testing::Test {
 protected:
  OutboxRelayTest()
      : producer_(unique_name("relaytest")),
        notifier_(db_.runtime_dsn(), db_.schema()),
        writer_(producer_, &notifier_),
        nats_(nats_settings(), "outbox-relay-test") {}

  void SetUp() override {
    wait_until([&] { return nats_.connected(); }, 10s);
    nats_.ensure_stream();
  }

  void TearDown() override {
    // A fault test must never leave the shared servers down for the next test.
    TestStack::get().run("nats-start");
  }

  platform::events::RelayOptions relay_options() const {
    platform::events::RelayOptions options;
    options.dsn = db_.runtime_dsn();
    options.schema = db_.schema();
    options.batch_size = 200;
    options.idle_poll = 200ms;
    return options;
  }

  // Writes `count` events, `per_tx` per transaction, spread over `aggregates` aggregates whose
  // versions count up; returns the event ids.
  std::vector<std::string> write_events(int count, int per_tx, int aggregates) {
    std::vector<std::string> ids;
    for (int written = 0; written < count;) {
      platform::db::with_transaction(db_.pool(), {}, [&](pqxx::transaction_base& tx) {
        for (int i = 0; i < per_tx && written + i < count; ++i) {
          int n = written + i;
          v1::EntryRecorded payload;
          payload.set_id(n);
          const int aggregate = n % aggregates;
          ids.push_back(writer_.append(tx, {.aggregate_type = "entry",
                                            .event_name = "recorded",
                                            .aggregate_id = std::to_string(aggregate),
                                            .aggregate_version = ++versions_[aggregate],
                                            .payload = &payload}));
        }
      });
      written += per_tx;
    }
    return ids;
  }

  std::int64_t unpublished() const {
    return std::stoll(db_.scalar("SELECT count(*) FROM outbox WHERE published_at IS NULL"));
  }

  template <typename Predicate>
  static bool wait_until(Predicate done, std::chrono::milliseconds timeout) {
    auto until = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < until) {
      if (done()) return true;
      std::this_thread::sleep_for(20ms);
    }
    return done();
  }

  std::vector<StreamMessage> published() const {
    return read_stream(nats_, "vnn." + producer_ + ".>");
  }

  // Each event id exactly once, and each aggregate's versions 1, 2, 3 … in stream order.
  static void expect_exactly_once_in_order(const std::vector<StreamMessage>& messages,
                                           const std::vector<std::string>& expected_ids) {
    std::multiset<std::string> seen;
    std::map<std::string, std::int64_t> last_version;
    for (const auto& message : messages) {
      seen.insert(message.msg_id);
      EXPECT_EQ(message.msg_id, message.envelope.event_id());
      auto& last = last_version[message.envelope.aggregate_id()];
      EXPECT_EQ(message.envelope.aggregate_version(), last + 1)
          << "aggregate " << message.envelope.aggregate_id() << " out of order";
      last = message.envelope.aggregate_version();
    }
    EXPECT_EQ(messages.size(), expected_ids.size());
    for (const auto& id : expected_ids) EXPECT_EQ(seen.count(id), 1u) << id;
  }

  ProbeDatabase db_;
  std::string producer_;
  platform::events::OutboxNotifier notifier_;
  OutboxWriter writer_;
  platform::events::NatsClient nats_;
  std::map<int, std::int64_t> versions_;
};

TEST_F(OutboxRelayTest, PublishesCommittedEventsOnceAndRolledBackNever) {
  auto ids = write_events(1000, 50, 10);
  // An event written in a transaction that rolls back must never be published.
  EXPECT_THROW(platform::db::with_transaction(db_.pool(), {},
                                              [&](pqxx::transaction_base& tx) {
                                                v1::EntryRecorded payload;
                                                writer_.append(tx, {.aggregate_type = "entry",
                                                                    .event_name = "recorded",
                                                                    .aggregate_id = "rolled-back",
                                                                    .aggregate_version = 1,
                                                                    .payload = &payload});
                                                throw std::runtime_error("roll back");
                                              }),
               std::runtime_error);

  OutboxRelay relay(relay_options(), nats_, nullptr);
  relay.start();
  ASSERT_TRUE(wait_until([&] { return relay.published_total() >= 1000; }, 30s));
  relay.stop();
  EXPECT_EQ(unpublished(), 0);
  auto messages = published();
  expect_exactly_once_in_order(messages, ids);
  for (const auto& message : messages) EXPECT_NE(message.envelope.aggregate_id(), "rolled-back");
  EXPECT_EQ(messages.front().envelope.producer(), producer_);
  EXPECT_EQ(messages.front().envelope.type(), "entry.recorded");
}

TEST_F(OutboxRelayTest, WakesOnNotifyAfterCommitWithoutWaitingForItsPoll) {
  auto options = relay_options();
  options.idle_poll = 30s;  // only a NOTIFY can wake it in time
  OutboxRelay relay(options, nats_, nullptr);
  relay.start();
  ASSERT_TRUE(wait_until([&] { return relay.is_leader(); }, 10s));
  std::this_thread::sleep_for(500ms);  // the relay is now waiting for a notification
  auto ids = write_events(1, 1, 1);
  auto written = std::chrono::steady_clock::now();
  ASSERT_TRUE(wait_until([&] { return relay.published_total() == 1; }, 5s));
  EXPECT_LT(std::chrono::steady_clock::now() - written, 2s);
  relay.stop();
  expect_exactly_once_in_order(published(), ids);
}

TEST_F(OutboxRelayTest, SurvivesNatsServerRestartMidStream) {
  OutboxRelay relay(relay_options(), nats_, nullptr);
  relay.start();
  std::vector<std::string> ids;
  std::thread writer([&] {
    for (int round = 0; round < 30; ++round) {
      auto more = write_events(100, 20, 25);
      ids.insert(ids.end(), more.begin(), more.end());
      std::this_thread::sleep_for(30ms);
    }
  });
  std::this_thread::sleep_for(300ms);
  TestStack::get().run("nats-stop");  // mid-stream: the writer keeps committing meanwhile
  std::this_thread::sleep_for(1s);
  TestStack::get().run("nats-start");
  writer.join();
  ASSERT_TRUE(wait_until([&] { return unpublished() == 0; }, 60s))
      << unpublished() << " events still unpublished";
  relay.stop();
  ASSERT_TRUE(wait_until([&] { return nats_.connected(); }, 10s));
  expect_exactly_once_in_order(published(), ids);
}

TEST_F(OutboxRelayTest, RelayDyingBetweenPublishAndStampRepublishesWithoutDuplicates) {
  auto ids = write_events(500, 100, 5);
  auto options = relay_options();
  options.after_publish = [] { return false; };  // "dies" after JetStream acked the first batch
  {
    OutboxRelay dying(options, nats_, nullptr);
    dying.start();
    ASSERT_TRUE(wait_until([&] { return !dying.is_leader() && published().size() >= 200; }, 20s));
    dying.stop();
  }
  EXPECT_EQ(unpublished(), 500) << "nothing may be stamped by a relay that died before stamping";

  OutboxRelay successor(relay_options(), nats_, nullptr);  // takes over the advisory lock
  successor.start();
  ASSERT_TRUE(wait_until([&] { return unpublished() == 0; }, 30s));
  successor.stop();
  // The first batch went out twice; JetStream's duplicate window kept one copy of each.
  expect_exactly_once_in_order(published(), ids);
}

TEST_F(OutboxRelayTest, OnlyOneRelayLeadsPerSchema) {
  OutboxRelay first(relay_options(), nats_, nullptr);
  first.start();
  ASSERT_TRUE(wait_until([&] { return first.is_leader(); }, 10s));
  OutboxRelay second(relay_options(), nats_, nullptr);
  second.start();
  std::this_thread::sleep_for(1500ms);
  EXPECT_FALSE(second.is_leader());
  first.stop();
  EXPECT_TRUE(wait_until([&] { return second.is_leader(); }, 10s)) << "stand-by never took over";
  auto ids = write_events(100, 10, 3);
  ASSERT_TRUE(wait_until([&] { return unpublished() == 0; }, 20s));
  second.stop();
  expect_exactly_once_in_order(published(), ids);
}

TEST_F(OutboxRelayTest, RepublishedRangeReachesConsumersNoMoreThanOnceInTheWindow) {
  auto ids = write_events(200, 50, 4);
  OutboxRelay relay(relay_options(), nats_, nullptr);
  relay.start();
  ASSERT_TRUE(wait_until([&] { return unpublished() == 0; }, 20s));
  const auto first_seq = std::stoll(db_.scalar("SELECT min(seq) FROM outbox"));
  const auto last_seq = std::stoll(db_.scalar("SELECT max(seq) FROM outbox"));
  EXPECT_EQ(platform::events::republish_range(db_.runtime_dsn(), db_.schema(), first_seq, last_seq),
            200);
  ASSERT_TRUE(
      wait_until([&] { return relay.published_total() >= 400 && unpublished() == 0; }, 20s));
  relay.stop();
  expect_exactly_once_in_order(published(), ids);
}

}  // namespace
}  // namespace vnn::testing
