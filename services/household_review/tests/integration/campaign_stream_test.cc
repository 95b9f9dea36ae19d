// What household review does with campaign events it cannot apply, against the real process and
// stream: a poison event is dead-lettered after a few deliveries and the campaign's later
// changes are still applied.

#include <google/protobuf/any.pb.h>

#include <chrono>
#include <thread>

#include "household_fixture.h"
#include "vnn/common/v1/event.pb.h"
#include "vnn/donation/v1/donation.pb.h"
#include "vnn/platform/events/nats_client.h"
#include "vnn/platform/events/outbox.h"
#include "vnn/testing/jetstream_reader.h"
#include "vnn/testing/test_stack.h"

namespace vnn::testing {
namespace {

using namespace std::chrono_literals;

class CampaignStreamTest : public HouseholdFixture {
 protected:
  void SetUp() override {
    service_env_ = {{"VNN_CONSUMER_MAX_DELIVERIES", "3"}, {"VNN_CONSUMER_RETRY_DELAY_MS", "100"}};
    HouseholdFixture::SetUp();
  }

  static platform::NatsSettings nats_settings() {
    return TestStack::get().nats_settings("vnn_donation");
  }

  std::int64_t campaign_version(const std::string& id) const {
    return std::stoll(
        scalar("SELECT coalesce(max(aggregate_version), 0) FROM consumer_cursor WHERE consumer = "
               "'household_review_campaigns' AND aggregate_type = 'campaign' AND aggregate_id = '" +
               id + "'"));
  }

  // An envelope as donation's relay publishes it.
  static common::v1::EventEnvelope envelope(const std::string& campaign_id, std::int64_t version,
                                            const google::protobuf::Message& payload) {
    common::v1::EventEnvelope e;
    e.set_event_id(platform::events::new_uuid());
    e.set_type("campaign.changed");
    e.set_producer("donation");
    e.set_aggregate_type("campaign");
    e.set_aggregate_id(campaign_id);
    e.set_aggregate_version(version);
    e.mutable_payload()->PackFrom(payload);
    return e;
  }
};

TEST_F(CampaignStreamTest, PoisonCampaignEventDoesNotStopLaterChangesOfTheCampaign) {
  platform::events::NatsClient nats(nats_settings(), "campaign-stream-test");
  const auto connected_by = std::chrono::steady_clock::now() + 10s;
  while (!nats.connected() && std::chrono::steady_clock::now() < connected_by) {
    std::this_thread::sleep_for(20ms);
  }
  ASSERT_TRUE(nats.connected());
  const std::int64_t version = campaign_version(open_campaign_);
  ASSERT_GT(version, 0);

  // Version N+1 carries a payload household review cannot read: it can never be applied.
  donation::v1::FundCreated wrong;
  wrong.set_fund_id("not-a-campaign");
  const auto poison = envelope(open_campaign_, version + 1, wrong);
  publish_raw(nats, "vnn.donation.campaign.changed", poison.event_id(), poison.SerializeAsString());

  // Version N+2 is a valid change of the same campaign: a new name and lists due date.
  donation::v1::CampaignChanged changed;
  auto* c = changed.mutable_campaign();
  c->set_id(open_campaign_);
  c->set_name("Đợt đổi tên " + suffix_);
  c->set_unit_code("736");
  c->mutable_starts_on()->set_year(2024);
  c->mutable_starts_on()->set_month(2);
  c->mutable_starts_on()->set_day(3);
  c->mutable_ends_on()->set_year(2099);
  c->mutable_ends_on()->set_month(5);
  c->mutable_ends_on()->set_day(19);
  auto* due = c->add_milestones();
  due->set_kind(donation::v1::MILESTONE_KIND_HOUSEHOLD_LISTS_DUE);
  due->mutable_due_on()->set_year(2099);
  due->mutable_due_on()->set_month(4);
  due->mutable_due_on()->set_day(1);
  const auto next = envelope(open_campaign_, version + 2, changed);
  publish_raw(nats, "vnn.donation.campaign.changed", next.event_id(), next.SerializeAsString());

  const auto until = std::chrono::steady_clock::now() + 30s;
  while (scalar("SELECT name FROM campaign WHERE id = '" + open_campaign_ + "'") != c->name()) {
    ASSERT_LT(std::chrono::steady_clock::now(), until)
        << "the change after a poison event was never applied";
    std::this_thread::sleep_for(50ms);
  }
  EXPECT_EQ(scalar("SELECT household_lists_due FROM campaign WHERE id = '" + open_campaign_ + "'"),
            "2099-04-01");
  EXPECT_EQ(scalar("SELECT count(*) FROM dead_letter WHERE event_id = '" + poison.event_id() + "'"),
            "1");
  EXPECT_EQ(
      scalar("SELECT deliveries FROM dead_letter WHERE event_id = '" + poison.event_id() + "'"),
      "3");
  EXPECT_EQ(campaign_version(open_campaign_), version + 2);
}

}  // namespace
}  // namespace vnn::testing
