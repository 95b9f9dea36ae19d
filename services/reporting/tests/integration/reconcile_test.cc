// Reconciliation against the owning services: zero differences once the events have caught up,
// a planted difference in the read models reported to the đồng, and an event delivered twice
// (a new message id, the same event) counted once.

#include <thread>

#include "reporting_fixture.h"
#include "vnn/donation/v1/donation.pb.h"
#include "vnn/testing/jetstream_reader.h"
#include "vnn/testing/test_stack.h"

namespace vnn::testing {
namespace {

namespace av1 = allocation::v1;
namespace dv1 = donation::v1;
namespace rv1 = reporting::v1;
using namespace std::chrono_literals;

class ReconcileTest : public ReportingFixture {
 protected:
  grpc::Status reconcile(rv1::Reconciliation* out, const std::string& bearer = {}) const {
    rv1::ReconcileRequest request;
    request.set_campaign_id(campaign_);
    return reporting_->Reconcile(client_context(bearer.empty() ? auditor_bearer() : bearer).get(),
                                 request, out);
  }

  static std::string describe(const rv1::Reconciliation& r) {
    std::string text;
    for (const auto& d : r.differences()) {
      text += d.source() + " " + d.fund_id() + " " + d.figure() + ": theirs " +
              std::to_string(d.theirs().dong()) + ", ours " + std::to_string(d.ours().dong()) +
              "\n";
    }
    return text;
  }

  // Polls Reconcile until `done`; the last answer (fails the test on timeout or error).
  rv1::Reconciliation wait_for(const std::function<bool(const rv1::Reconciliation&)>& done,
                               const std::string& what) const {
    const auto until = std::chrono::steady_clock::now() + 20s;
    rv1::Reconciliation last;
    for (;;) {
      rv1::Reconciliation r;
      const auto status = reconcile(&r);
      if (!status.ok()) {
        ADD_FAILURE() << what << ": Reconcile failed (" << status.error_code()
                      << "): " << status.error_message();
        return last;
      }
      last = r;
      if (done(r)) return r;
      if (std::chrono::steady_clock::now() > until) {
        ADD_FAILURE() << what << " did not happen in time; differences:\n" << describe(last);
        return last;
      }
      std::this_thread::sleep_for(100ms);
    }
  }

  rv1::Reconciliation wait_for_agreement() const {
    return wait_for([](const rv1::Reconciliation& r) { return r.differences().empty(); },
                    "agreement");
  }

  // Donations, a reversal, a support approved (reserved) and one handed over (disbursed).
  void scenario() {
    ASSERT_GT(donate(commune_fund(), 30'000'000).id(), 0);
    ASSERT_GT(donate(district_fund(), 20'000'000).id(), 0);
    const auto mistaken = donate(commune_fund(kPhuCuong), 5'000'000);
    ASSERT_GT(mistaken.id(), 0);
    ASSERT_TRUE(reverse(mistaken.id()).ok());
    ASSERT_GT(donate(commune_fund(kPhuCuong), 7'000'000).id(), 0);
    wait_for_net_received(commune_fund(), 30'000'000);
    wait_for_net_received(district_fund(), 20'000'000);
    wait_for_net_received(commune_fund(kPhuCuong), 7'000'000);
    const auto households = approved_households(kPhuTuc, 2);
    ASSERT_EQ(households.size(), 2u);
    const auto reserved =
        approved_support(households[0], av1::SUPPORT_KIND_FOOD_AND_GIFTS, commune_fund(), 800'000);
    ASSERT_GT(reserved.id(), 0);
    const auto handed =
        approved_support(households[1], av1::SUPPORT_KIND_HOUSE_REPAIR, district_fund(), 1'500'000);
    ASSERT_GT(handed.id(), 0);
    ASSERT_TRUE(disburse(handed.id()).ok());
  }
};

TEST_F(ReconcileTest, NoDifferenceOnceTheEventsHaveCaughtUp) {
  scenario();
  if (HasFatalFailure()) return;
  const auto r = wait_for_agreement();
  EXPECT_EQ(r.campaign_id(), campaign_);
  EXPECT_TRUE(r.differences().empty()) << describe(r);
  // 3 funds × (4 donation + 5 allocation figures) + 3 campaign donation + 2 campaign allocation.
  EXPECT_EQ(r.figures_compared(), 3 * (4 + 5) + 3 + 2);
  EXPECT_GE(r.consumer_lag(), 0);
  EXPECT_GT(r.compared_at().seconds(), 0);
  EXPECT_GT(r.freshness().events_applied(), 0);

  // Only district officers and auditors reconcile.
  rv1::Reconciliation refused;
  EXPECT_EQ(reconcile(&refused, commune_bearer()).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(reconcile(&refused, public_bearer()).error_code(), grpc::StatusCode::PERMISSION_DENIED);
  rv1::Reconciliation district_asks;
  EXPECT_TRUE(reconcile(&district_asks, district_bearer()).ok());
}

TEST_F(ReconcileTest, PlantedDifferencesAreReportedToTheDong) {
  scenario();
  if (HasFatalFailure()) return;
  wait_for_agreement();

  // A pre-aggregated figure row drifts by 1,234 đồng…
  reporting_scalar("UPDATE figure SET amount = amount + 1234 WHERE campaign_id = '" + campaign_ +
                   "' AND unit_code = '" + kPhuTuc +
                   "' AND figure = 'received' AND key = 'cash' RETURNING 1");
  // …and a donation the donation service never recorded appears in the Phú Cường fund.
  reporting_scalar(
      "INSERT INTO donation_fact (donation_id, campaign_id, fund_id, unit_code, channel, donor_id, "
      "donor_kind, amount, received_on) VALUES (9000000000001, '" +
      campaign_ + "', '" + commune_fund(kPhuCuong) + "', '" + kPhuCuong +
      "', 'cash', 1, 'individual', 777, '2024-03-02') RETURNING 1");

  rv1::Reconciliation r;
  ASSERT_TRUE(reconcile(&r).ok());
  std::map<std::string, std::pair<std::int64_t, std::int64_t>> found;
  for (const auto& d : r.differences()) {
    found[d.source() + "/" + d.fund_id() + "/" + d.figure()] = {d.theirs().dong(), d.ours().dong()};
  }
  constexpr std::int64_t kCampaignReceived = 30'000'000 + 20'000'000 + 7'000'000;
  const std::map<std::string, std::pair<std::int64_t, std::int64_t>> expected{
      {"donation//total", {kCampaignReceived, kCampaignReceived + 1234}},
      {"donation//results", {kCampaignReceived, kCampaignReceived + 1234}},
      {"donation/" + commune_fund(kPhuCuong) + "/cash", {7'000'000, 7'000'777}},
      {"donation/" + commune_fund(kPhuCuong) + "/total", {7'000'000, 7'000'777}},
      // The ledger credits gross: 5,000,000 reversed + 7,000,000.
      {"allocation/" + commune_fund(kPhuCuong) + "/received", {12'000'000, 12'000'777}},
  };
  EXPECT_EQ(found, expected) << describe(r);

  // Put right, the reconciliation is clean again.
  reporting_scalar("UPDATE figure SET amount = amount - 1234 WHERE campaign_id = '" + campaign_ +
                   "' AND unit_code = '" + kPhuTuc +
                   "' AND figure = 'received' AND key = 'cash' RETURNING 1");
  reporting_scalar("DELETE FROM donation_fact WHERE donation_id = 9000000000001 RETURNING 1");
  ASSERT_TRUE(reconcile(&r).ok());
  EXPECT_TRUE(r.differences().empty()) << describe(r);
}

TEST_F(ReconcileTest, AnEventDeliveredTwiceIsCountedOnce) {
  const auto first = donate(commune_fund(), 4'000'000);
  ASSERT_GT(first.id(), 0);
  const auto arrived = [](std::int64_t dong) {
    return [dong](const Progress& p) { return p.total().received().cash().dong() == dong; };
  };
  wait_for_progress({}, kPhuTuc, arrived(4'000'000), "the first donation");
  const auto household = approved_household(kPhuTuc);
  ASSERT_GT(household, 0);
  const auto support =
      approved_support(household, av1::SUPPORT_KIND_FOOD_AND_GIFTS, commune_fund(), 300'000);
  ASSERT_GT(support.id(), 0);
  wait_for_progress(
      {}, kPhuTuc,
      [](const Progress& p) { return p.total().supports().approved().dong() == 300'000; },
      "the approved support");

  // The same event (same envelope and event id) under a new message id: JetStream does not
  // deduplicate it, so only the consumer's inbox stands between it and a second count.
  platform::events::NatsClient nats(TestStack::get().nats_settings(), "reconcile-test");
  const auto connected_by = std::chrono::steady_clock::now() + 10s;
  while (!nats.connected() && std::chrono::steady_clock::now() < connected_by) {
    std::this_thread::sleep_for(20ms);
  }
  ASSERT_TRUE(nats.connected());
  int republished = 0;
  for (const auto& m : read_stream(nats, "vnn.donation.donation.>")) {
    dv1::DonationRecorded recorded;
    if (m.envelope.type() != "donation.recorded" || !m.envelope.payload().UnpackTo(&recorded) ||
        recorded.donation_id() != first.id()) {
      continue;
    }
    publish_raw(nats, "vnn.donation.donation.recorded", "again-" + m.msg_id,
                m.envelope.SerializeAsString());
    ++republished;
  }
  for (const auto& m : read_stream(nats, "vnn.allocation.support.approved")) {
    if (m.envelope.aggregate_id() != std::to_string(support.id())) continue;
    publish_raw(nats, "vnn.allocation.support.approved", "again-" + m.msg_id,
                m.envelope.SerializeAsString());
    ++republished;
  }
  ASSERT_EQ(republished, 2);

  // A later donation is applied after the redelivered event (one consumer, in stream order).
  ASSERT_GT(donate(commune_fund(), 1'000'000).id(), 0);
  const auto p = wait_for_progress({}, kPhuTuc, arrived(5'000'000), "the second donation");
  EXPECT_EQ(p.total().received().count(), 2);
  // The allocation consumer too: the fund's balance after the later donation is applied after
  // the redelivered support event.
  const auto until = std::chrono::steady_clock::now() + 20s;
  while (reporting_scalar("SELECT received FROM fund WHERE fund_id = '" + commune_fund() + "'") !=
         "5000000") {
    ASSERT_LT(std::chrono::steady_clock::now(), until) << "the later balance did not arrive";
    std::this_thread::sleep_for(50ms);
  }
  EXPECT_EQ(reporting_scalar("SELECT count(*) FROM donation_fact WHERE donation_id = " +
                             std::to_string(first.id())),
            "1");
  // Give a wrongly applied copy time to show before concluding.
  std::this_thread::sleep_for(500ms);
  const auto after = wait_for_progress({}, kPhuTuc, arrived(5'000'000), "the figures");
  EXPECT_EQ(after.total().received().cash().dong(), 5'000'000);
  EXPECT_EQ(after.total().supports().approved().dong(), 300'000);
  ASSERT_EQ(after.total().supports().approved_by_kind_size(), 1);
  EXPECT_EQ(after.total().supports().approved_by_kind(0).count(), 1);
  const auto r = wait_for_agreement();
  EXPECT_TRUE(r.differences().empty()) << describe(r);
}

}  // namespace
}  // namespace vnn::testing
