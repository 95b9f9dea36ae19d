// The local stack's nats-server (deploy/local/stack.sh), as the services use it: each service's
// user publishes only its own subjects, and reaches only the JetStream consumers it reads.

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "vnn/platform/events/nats_client.h"
#include "vnn/testing/jetstream_reader.h"
#include "vnn/testing/test_stack.h"

namespace vnn::testing {
namespace {

using namespace std::chrono_literals;

class NatsPermissionsTest : public ::testing::Test {
 protected:
  static std::unique_ptr<platform::events::NatsClient> connect(const std::string& user) {
    auto client = std::make_unique<platform::events::NatsClient>(
        TestStack::get().nats_settings(user), "permissions-test-" + user);
    const auto until = std::chrono::steady_clock::now() + 10s;
    while (!client->connected() && std::chrono::steady_clock::now() < until) {
      std::this_thread::sleep_for(20ms);
    }
    return client;
  }
  static bool publishes(const platform::events::NatsClient& nats, const std::string& subject) {
    try {
      publish_raw(nats, subject, unique_name("msg"), "not an event");
      return true;
    } catch (const std::exception&) {
      return false;
    }
  }
};

TEST_F(NatsPermissionsTest, EachServicePublishesOnlyItsOwnSubjects) {
  ASSERT_FALSE(TestStack::get().nats_users_dir.empty())
      << "the stack has no NATS users (VNN_NATS_USERS_DIR)";
  connect("vnn_tools")->ensure_stream();
  const auto donation = connect("vnn_donation");
  const auto household_review = connect("vnn_household_review");
  ASSERT_TRUE(donation->connected());
  ASSERT_TRUE(household_review->connected());

  EXPECT_TRUE(publishes(*donation, "vnn.donation.permissions.test"));
  EXPECT_TRUE(publishes(*household_review, "vnn.household_review.permissions.test"));
  // A campaign change from household review's user: refused by nats-server.
  EXPECT_FALSE(publishes(*household_review, "vnn.donation.campaign.changed"));
  EXPECT_FALSE(publishes(*donation, "vnn.household_review.household.changed"));
}

// Household review may make its campaign consumer read donation's campaign events, not widen it
// to every event, nor make a consumer of another name.
TEST_F(NatsPermissionsTest, AServiceConsumesOnlyWhatItReads) {
  ASSERT_FALSE(TestStack::get().nats_users_dir.empty());
  connect("vnn_tools")->ensure_stream();
  const auto household_review = connect("vnn_household_review");
  ASSERT_TRUE(household_review->connected());
  const auto add_consumer = [&](const char* name, const char* filter) {
    jsCtx* js = household_review->new_context();
    jsConsumerConfig config;
    jsConsumerConfig_Init(&config);
    config.Durable = name;
    config.Name = name;
    config.FilterSubject = filter;
    config.AckPolicy = js_AckExplicit;
    jsConsumerInfo* info = nullptr;
    jsErrCode error{};
    jsOptions options;
    jsOptions_Init(&options);
    options.Wait = 2000;
    const natsStatus status = js_AddConsumer(&info, js, household_review->settings().stream.c_str(),
                                             &config, &options, &error);
    if (info != nullptr) jsConsumerInfo_Destroy(info);
    jsCtx_Destroy(js);
    return status == NATS_OK;
  };
  EXPECT_TRUE(add_consumer("household_review_campaigns", "vnn.donation.campaign.>"));
  EXPECT_FALSE(add_consumer("household_review_campaigns", "vnn.>"));
  EXPECT_FALSE(add_consumer("household_review_everything", "vnn.>"));
}

// Replies (publish acks, fetched events) go to inboxes named after the user: a service cannot
// subscribe to every client's inboxes and read what others fetch.
TEST_F(NatsPermissionsTest, AServiceReceivesRepliesOnlyInItsOwnInboxes) {
  ASSERT_FALSE(TestStack::get().nats_users_dir.empty());
  const auto tools = connect("vnn_tools");
  const auto donation = connect("vnn_donation");
  ASSERT_TRUE(donation->connected());
  const auto receives = [&](const char* subscribe_to, const char* send_to) {
    natsSubscription* subscription = nullptr;
    if (natsConnection_SubscribeSync(&subscription, donation->connection(), subscribe_to) !=
        NATS_OK) {
      return false;
    }
    natsConnection_Flush(donation->connection());
    std::this_thread::sleep_for(200ms);  // a refused subscription is refused asynchronously
    natsConnection_PublishString(tools->connection(), send_to, "reply");
    natsConnection_Flush(tools->connection());
    natsMsg* message = nullptr;
    const bool got = natsSubscription_NextMsg(&message, subscription, 1000) == NATS_OK;
    if (message != nullptr) natsMsg_Destroy(message);
    natsSubscription_Destroy(subscription);
    return got;
  };
  EXPECT_TRUE(receives("_INBOX_vnn_donation.>", "_INBOX_vnn_donation.test.1"));
  EXPECT_FALSE(receives("_INBOX.>", "_INBOX.someone_else.1"))
      << "donation's user read another client's inbox";
}

TEST_F(NatsPermissionsTest, WithoutCredentialsNothingConnects) {
  ASSERT_FALSE(TestStack::get().nats_users_dir.empty());
  platform::NatsSettings anonymous;
  anonymous.url = TestStack::get().nats_url;
  try {
    platform::events::NatsClient client(anonymous, "permissions-test-anonymous");
    std::this_thread::sleep_for(1s);
    EXPECT_FALSE(client.connected());
  } catch (const std::exception&) {
    // refused at once: as good
  }
}

}  // namespace
}  // namespace vnn::testing
