// JetStream consumption against the real servers: an event is applied once however often it
// arrives; a poison event is dead-lettered after N deliveries without holding up the others;
// strict consumers apply an aggregate's events in version order.

#include "vnn/platform/events/event_consumer.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "vnn/platform/events/outbox.h"
#include "vnn/testing/jetstream_reader.h"
#include "vnn/testing/probe_database.h"
#include "vnn/testing/test_stack.h"

namespace vnn::testing {
namespace {

using namespace std::chrono_literals;
using platform::events::ConsumerSpec;
using platform::events::EventConsumer;

class EventConsumerTest : public ::testing::Test {
 protected:
  EventConsumerTest()
      : producer_(unique_name("consumertest")), nats_(settings(), "consumer-test") {}

  void SetUp() override {
    ASSERT_TRUE(wait_until([&] { return nats_.connected(); }, 10s));
    nats_.ensure_stream();
    consumer_settings_.max_deliveries = 3;
    consumer_settings_.retry_delay = 50ms;
    consumer_settings_.ack_wait = 5s;
  }

  static platform::NatsSettings settings() { return TestStack::get().nats_settings(); }

  // An envelope as a producer's relay would publish it.
  vnn::common::v1::EventEnvelope envelope(const std::string& aggregate_id, std::int64_t version) {
    vnn::common::v1::EventEnvelope e;
    e.set_event_id(platform::events::new_uuid());
    e.set_type("thing.happened");
    e.set_producer(producer_);
    e.set_aggregate_type("thing");
    e.set_aggregate_id(aggregate_id);
    e.set_aggregate_version(version);
    e.set_correlation_id("test-correlation");
    return e;
  }

  void publish(const vnn::common::v1::EventEnvelope& e, const std::string& msg_id = {}) {
    publish_raw(nats_, subject(), msg_id.empty() ? e.event_id() : msg_id, e.SerializeAsString());
  }

  std::string subject() const { return "vnn." + producer_ + ".thing.happened"; }

  // The handler's visible effect: one entry row per application.
  ConsumerSpec spec(std::function<void(const vnn::common::v1::EventEnvelope&)> check = {}) {
    ConsumerSpec s;
    s.name = unique_name("test-consumer");
    s.filter_subject = "vnn." + producer_ + ".>";
    s.handler = [check](pqxx::transaction_base& tx, const vnn::common::v1::EventEnvelope& e) {
      if (check) check(e);
      tx.exec_params("INSERT INTO entry (unit_code, amount_dong, note) VALUES ($1, $2, $3)",
                     e.aggregate_id(), e.aggregate_version(), e.event_id());
    };
    return s;
  }

  std::int64_t count(const std::string& sql) const { return std::stoll(db_.scalar(sql)); }

  template <typename Predicate>
  static bool wait_until(Predicate done, std::chrono::milliseconds timeout) {
    auto until = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < until) {
      if (done()) return true;
      std::this_thread::sleep_for(20ms);
    }
    return done();
  }

  ProbeDatabase db_;
  std::string producer_;
  platform::events::NatsClient nats_;
  platform::ConsumerSettings consumer_settings_;
};

TEST_F(EventConsumerTest, RedeliveredEventIsAppliedOnce) {
  EventConsumer consumer(spec(), consumer_settings_, db_.pool(), nats_, nullptr);
  consumer.start();
  auto event = envelope("a", 1);
  publish(event);
  ASSERT_TRUE(wait_until([&] { return consumer.applied_total() == 1; }, 15s));
  // The same event again, past JetStream's duplicate window (a new message id), as an operator
  // republish after the window would send it: the inbox must absorb it.
  publish(event, platform::events::new_uuid());
  publish(event, platform::events::new_uuid());
  auto marker = envelope("b", 1);
  publish(marker);
  ASSERT_TRUE(wait_until(
      [&] { return count("SELECT count(*) FROM entry WHERE unit_code = 'b'") == 1; }, 15s));
  consumer.stop();
  EXPECT_EQ(count("SELECT count(*) FROM entry WHERE unit_code = 'a'"), 1);
  EXPECT_EQ(count("SELECT count(*) FROM inbox WHERE event_id = '" + event.event_id() + "'"), 1);
  EXPECT_EQ(consumer.applied_total(), 2);
}

TEST_F(EventConsumerTest, PoisonEventIsDeadLetteredWithoutBlockingOthers) {
  std::atomic<int> poison_attempts{0};
  EventConsumer consumer(spec([&](const vnn::common::v1::EventEnvelope& e) {
                           if (e.aggregate_id() == "poison") {
                             ++poison_attempts;
                             throw std::runtime_error("cannot apply poison");
                           }
                         }),
                         consumer_settings_, db_.pool(), nats_, nullptr);
  auto poison = envelope("poison", 1);
  publish(poison);
  for (int i = 0; i < 5; ++i) publish(envelope("good-" + std::to_string(i), 1));
  consumer.start();
  ASSERT_TRUE(wait_until([&] { return consumer.applied_total() == 5; }, 20s))
      << "good events were held up behind the poison event";
  ASSERT_TRUE(wait_until(
      [&] {
        return count("SELECT count(*) FROM dead_letter WHERE event_id = '" + poison.event_id() +
                     "'") == 1;
      },
      20s));
  consumer.stop();
  EXPECT_EQ(poison_attempts.load(), 3);
  EXPECT_EQ(
      db_.scalar("SELECT deliveries FROM dead_letter WHERE event_id = '" + poison.event_id() + "'"),
      "3");
  EXPECT_EQ(
      db_.scalar("SELECT error FROM dead_letter WHERE event_id = '" + poison.event_id() + "'"),
      "cannot apply poison");
  EXPECT_EQ(db_.scalar("SELECT outcome FROM inbox WHERE event_id = '" + poison.event_id() + "'"),
            "dead_lettered");
  EXPECT_EQ(count("SELECT count(*) FROM entry WHERE unit_code = 'poison'"), 0);
}

TEST_F(EventConsumerTest, StrictConsumerAppliesVersionsInOrder) {
  auto s = spec();
  s.strict_order = true;
  auto v1 = envelope("ordered", 1);
  auto v2 = envelope("ordered", 2);
  auto v3 = envelope("ordered", 3);
  publish(v2);  // arrives first: must wait for v1
  publish(v3);
  publish(v1);
  EventConsumer consumer(s, consumer_settings_, db_.pool(), nats_, nullptr);
  consumer.start();
  ASSERT_TRUE(wait_until([&] { return consumer.applied_total() == 3; }, 20s));
  consumer.stop();
  // Entry ids are assigned in application order.
  EXPECT_EQ(db_.scalar("SELECT string_agg(amount_dong::text, ',' ORDER BY id) FROM entry"),
            "1,2,3");
}

// A dead letter moves the aggregate's position past it: the next version is applied rather than
// held back for ever, and the poison event is not delivered again after the limit.
TEST_F(EventConsumerTest, DeadLetterDoesNotStopItsAggregate) {
  std::atomic<int> poison_attempts{0};
  auto s = spec([&](const vnn::common::v1::EventEnvelope& e) {
    if (e.aggregate_version() == 1) {
      ++poison_attempts;
      throw std::runtime_error("cannot apply poison");
    }
  });
  s.strict_order = true;
  auto poison = envelope("campaign-x", 1);
  auto next = envelope("campaign-x", 2);
  publish(poison);
  publish(next);
  EventConsumer consumer(s, consumer_settings_, db_.pool(), nats_, nullptr);
  consumer.start();
  ASSERT_TRUE(wait_until([&] { return consumer.applied_total() == 1; }, 20s))
      << "the change after a dead-lettered event was never applied";
  EXPECT_EQ(db_.scalar("SELECT string_agg(amount_dong::text, ',' ORDER BY id) FROM entry WHERE "
                       "unit_code = 'campaign-x'"),
            "2");
  EXPECT_EQ(count("SELECT count(*) FROM dead_letter WHERE event_id = '" + poison.event_id() + "'"),
            1);
  std::this_thread::sleep_for(1s);  // several retry delays: no delivery after the limit
  consumer.stop();
  EXPECT_EQ(poison_attempts.load(), 3);
}

// An event whose predecessor never arrives is held back only for a while (until it has waited
// twice the ack wait, here 10 s, and at least the delivery limit), then applied despite the gap
// (and recorded so), instead of being redelivered for ever.
TEST_F(EventConsumerTest, HeldBackEventIsAppliedAtTheLimitInsteadOfRedeliveredForEver) {
  auto s = spec();
  s.strict_order = true;
  auto orphan = envelope("gap", 2);  // version 1 never comes
  publish(orphan);
  EventConsumer consumer(s, consumer_settings_, db_.pool(), nats_, nullptr);
  consumer.start();
  ASSERT_TRUE(wait_until([&] { return consumer.applied_total() == 1; }, 20s))
      << "an event held back for a missing version is redelivered for ever";
  consumer.stop();
  EXPECT_EQ(db_.scalar("SELECT outcome FROM inbox WHERE event_id = '" + orphan.event_id() + "'"),
            "applied_out_of_order");
}

// An event on vnn.<service>.… whose envelope names another producer is not applied: set aside
// at once, and the aggregate's position does not move, so the real event is still applied.
TEST_F(EventConsumerTest, EventWhoseProducerDoesNotMatchItsSubjectIsNotApplied) {
  std::atomic<int> attempts{0};
  auto s = spec([&](const vnn::common::v1::EventEnvelope&) { ++attempts; });
  s.strict_order = true;
  auto real = envelope("account-7", 1);
  // Even under the real event's id, published just before it.
  auto forged = real;
  forged.set_producer("someone_else");
  publish(forged, platform::events::new_uuid());
  publish(real);
  EventConsumer consumer(s, consumer_settings_, db_.pool(), nats_, nullptr);
  consumer.start();
  ASSERT_TRUE(wait_until([&] { return consumer.applied_total() == 1; }, 20s));
  ASSERT_TRUE(wait_until(
      [&] {
        return count("SELECT count(*) FROM dead_letter WHERE event_id = '" + forged.event_id() +
                     "'") == 1;
      },
      20s));
  consumer.stop();
  EXPECT_EQ(attempts.load(), 1) << "the forged event reached the handler";
  EXPECT_EQ(db_.scalar("SELECT string_agg(note, ',') FROM entry WHERE unit_code = 'account-7'"),
            real.event_id());
  EXPECT_EQ(
      db_.scalar("SELECT deliveries FROM dead_letter WHERE event_id = '" + forged.event_id() + "'"),
      "1");
  EXPECT_NE(db_.scalar("SELECT error FROM dead_letter WHERE event_id = '" + forged.event_id() + "'")
                .find("does not match subject"),
            std::string::npos);
}

TEST_F(EventConsumerTest, OlderVersionArrivingLateIsSkippedNotReapplied) {
  auto s = spec();
  EventConsumer consumer(s, consumer_settings_, db_.pool(), nats_, nullptr);
  consumer.start();
  publish(envelope("late", 2));
  ASSERT_TRUE(wait_until([&] { return consumer.applied_total() == 1; }, 15s));
  auto stale = envelope("late", 1);
  publish(stale);
  ASSERT_TRUE(wait_until(
      [&] {
        return count("SELECT count(*) FROM inbox WHERE event_id = '" + stale.event_id() + "'") == 1;
      },
      15s));
  consumer.stop();
  EXPECT_EQ(db_.scalar("SELECT outcome FROM inbox WHERE event_id = '" + stale.event_id() + "'"),
            "skipped");
  EXPECT_EQ(count("SELECT count(*) FROM entry WHERE unit_code = 'late'"), 1);
}

TEST_F(EventConsumerTest, LagIsObservableAndDrainsToZero) {
  auto s = spec();
  for (int i = 0; i < 30; ++i) publish(envelope("lag-" + std::to_string(i), 1));
  EventConsumer consumer(s, consumer_settings_, db_.pool(), nats_, nullptr);
  consumer.start();
  ASSERT_TRUE(wait_until([&] { return consumer.applied_total() == 30; }, 30s));
  EXPECT_TRUE(wait_until([&] { return consumer.lag() == 0; }, 5s)) << "lag " << consumer.lag();
  consumer.stop();
}

}  // namespace
}  // namespace vnn::testing
