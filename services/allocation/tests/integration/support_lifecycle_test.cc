// A support's life against the real services (issue 15): a house repair funded by the district
// fund, a sponsor and the household itself goes proposed → approved → disbursed → completed,
// and after every step the fund's balances move as the ledger says and VerifyLedger agrees. A
// partial disbursement releases the rest; a cancellation after approval voids the reservation.
// The events reach JetStream with no personal data beyond household id, unit and masked name.

#include "support_test_helpers.h"

namespace vnn::testing {
namespace {

namespace av1 = allocation::v1;
namespace hv1 = household_review::v1;

class SupportLifecycleTest : public SupportTest {};

TEST_F(SupportLifecycleTest, HouseRepairFromThreeSourcesThroughEveryState) {
  const auto households = approved_households(kPhuTuc, 3);
  ASSERT_EQ(households.size(), 3u);
  const auto& district_fund_id = district_fund();
  const auto& commune_fund_id = commune_fund(kPhuTuc);
  donate(district_fund_id, 50'000'000);
  donate(commune_fund_id, 10'000'000);
  wait_for_net_received(district_fund_id, 50'000'000);
  wait_for_net_received(commune_fund_id, 10'000'000);
  expect_balances(district_fund_id, {.received = 50'000'000}, "after the donation");

  // Proposed by the commune: 15 M from the district fund, 10 M from a sponsor, 5 M from the
  // household. Nothing is reserved yet.
  const auto repair = proposed(
      request_with(households[0], av1::SUPPORT_KIND_HOUSE_REPAIR,
                   {{av1::FUNDING_SOURCE_DISTRICT_FUND, district_fund_id, 15'000'000, ""},
                    {av1::FUNDING_SOURCE_SPONSOR, "", 10'000'000, "Công ty TNHH Xây dựng Tân Phú"},
                    {av1::FUNDING_SOURCE_HOUSEHOLD, "", 5'000'000, ""}}));
  ASSERT_GT(repair.id(), 0);
  EXPECT_EQ(repair.state(), av1::SUPPORT_STATE_PROPOSED);
  EXPECT_EQ(repair.total().dong(), 30'000'000);
  EXPECT_EQ(repair.from_funds().dong(), 15'000'000);
  EXPECT_EQ(repair.unit_code(), kPhuTuc);
  EXPECT_EQ(repair.proposed_by(), "cb-xa-" + std::string(kPhuTuc));
  EXPECT_FALSE(repair.regulation_version().empty());
  EXPECT_FALSE(repair.masked_name().empty());
  ASSERT_EQ(repair.funding_size(), 3);
  expect_balances(district_fund_id, {.received = 50'000'000}, "after the proposal");

  // Approved by the district's checker: the fund part is reserved.
  Support approved;
  ASSERT_TRUE(approve(repair.id(), &approved).ok());
  EXPECT_EQ(approved.state(), av1::SUPPORT_STATE_APPROVED);
  EXPECT_EQ(approved.approved_by(), "checker");
  expect_balances(district_fund_id, {.received = 50'000'000, .reserved = 15'000'000},
                  "after the approval");

  // Handed over in full: the reservation is posted as disbursed.
  Support disbursed;
  ASSERT_TRUE(disburse(repair.id(), &disbursed).ok());
  EXPECT_EQ(disbursed.state(), av1::SUPPORT_STATE_DISBURSED);
  EXPECT_EQ(disbursed.disbursed().dong(), 15'000'000);
  EXPECT_TRUE(disbursed.has_disbursed_on());
  EXPECT_EQ(disbursed.disbursement_evidence(), "Biên bản bàn giao số 12/BB-MTTQ");
  EXPECT_EQ(disbursed.funding(0).disbursed().dong(), 15'000'000);
  expect_balances(district_fund_id, {.received = 50'000'000, .disbursed = 15'000'000},
                  "after the disbursement");

  // Completed: the house is accepted; the ledger does not move.
  Support completed;
  ASSERT_TRUE(complete(repair.id(), &completed).ok());
  EXPECT_EQ(completed.state(), av1::SUPPORT_STATE_COMPLETED);
  EXPECT_TRUE(completed.has_completed_on());
  EXPECT_EQ(completed.completion_evidence(), "Biên bản nghiệm thu số 3/BB-NT");
  ASSERT_EQ(completed.history_size(), 4);
  EXPECT_EQ(completed.history(0).to(), av1::SUPPORT_STATE_PROPOSED);
  EXPECT_EQ(completed.history(1).from(), av1::SUPPORT_STATE_PROPOSED);
  EXPECT_EQ(completed.history(1).to(), av1::SUPPORT_STATE_APPROVED);
  EXPECT_EQ(completed.history(2).to(), av1::SUPPORT_STATE_DISBURSED);
  EXPECT_EQ(completed.history(3).from(), av1::SUPPORT_STATE_DISBURSED);
  EXPECT_EQ(completed.history(3).to(), av1::SUPPORT_STATE_COMPLETED);
  expect_balances(district_fund_id, {.received = 50'000'000, .disbursed = 15'000'000},
                  "after the completion");

  // A partial disbursement from the commune fund: 6 of 8 M handed over, 2 M back to available.
  const auto capital = approved_support(households[1], av1::SUPPORT_KIND_PRODUCTION_CAPITAL,
                                        commune_fund_id, 8'000'000);
  ASSERT_GT(capital.id(), 0);
  expect_balances(commune_fund_id, {.received = 10'000'000, .reserved = 8'000'000},
                  "commune fund after the approval");
  Support partial;
  ASSERT_TRUE(disburse(capital.id(), &partial, {{commune_fund_id, 6'000'000}}).ok());
  EXPECT_EQ(partial.disbursed().dong(), 6'000'000);
  EXPECT_EQ(partial.funding(0).disbursed().dong(), 6'000'000);
  expect_balances(commune_fund_id, {.received = 10'000'000, .disbursed = 6'000'000},
                  "commune fund after the partial disbursement");

  // A cancellation after approval voids the reservation.
  const auto scholarship =
      approved_support(households[2], av1::SUPPORT_KIND_SCHOLARSHIP, district_fund_id, 2'000'000);
  ASSERT_GT(scholarship.id(), 0);
  expect_balances(district_fund_id,
                  {.received = 50'000'000, .reserved = 2'000'000, .disbursed = 15'000'000},
                  "after the scholarship's approval");
  Support cancelled;
  ASSERT_TRUE(cancel(scholarship.id(), &cancelled).ok());
  EXPECT_EQ(cancelled.state(), av1::SUPPORT_STATE_CANCELLED);
  EXPECT_EQ(cancelled.cancel_reason(), "Hộ đã chuyển đi nơi khác");
  expect_balances(district_fund_id, {.received = 50'000'000, .disbursed = 15'000'000},
                  "after the cancellation");
  std::multiset<av1::PostingKind> kinds;
  for (const auto& p : postings(district_fund_id)) kinds.insert(p.kind());
  EXPECT_EQ(kinds.count(av1::POSTING_KIND_RESERVE), 2u);
  EXPECT_EQ(kinds.count(av1::POSTING_KIND_POST), 1u);
  EXPECT_EQ(kinds.count(av1::POSTING_KIND_VOID), 1u);

  // The events, as JetStream has them.
  const std::set<std::string> mine{std::to_string(repair.id()), std::to_string(capital.id()),
                                   std::to_string(scholarship.id())};
  const auto support_events = events(
      "vnn.allocation.support.>",
      [&](const common::v1::EventEnvelope& e) { return mine.count(e.aggregate_id()) > 0; },
      4 + 3 + 3);
  std::multiset<std::string> types;
  // What the household's registration holds that no event may carry.
  hv1::GetHouseholdRequest get;
  get.set_id(households[0]);
  hv1::Household household;
  ASSERT_TRUE(households_->GetHousehold(client_context(district()).get(), get, &household).ok());
  const std::string full_name = household.head().full_name();
  ASSERT_FALSE(full_name.empty());
  for (const auto& m : support_events) {
    const auto& e = m.envelope;
    types.insert(e.aggregate_id() + " " + e.type());
    av1::SupportChanged changed;
    ASSERT_TRUE(e.payload().UnpackTo(&changed)) << e.type();
    const auto& s = changed.support();
    EXPECT_EQ(std::to_string(s.id()), e.aggregate_id());
    EXPECT_EQ(s.history_size(), 0) << e.type();
    EXPECT_FALSE(s.masked_name().empty());
    EXPECT_EQ(s.unit_code(), kPhuTuc);
    const std::string bytes = e.payload().value();
    // A land use certificate's number leads to its holder through the land register.
    EXPECT_TRUE(s.land_use_certificate().empty()) << e.type();
    EXPECT_EQ(bytes.find("CS-" + std::to_string(s.household_id())), std::string::npos)
        << e.type() << " carries the land use certificate";
    if (s.household_id() == households[0]) {
      EXPECT_EQ(bytes.find(full_name), std::string::npos)
          << e.type() << " carries the head's full name";
      EXPECT_NE(s.masked_name(), full_name);
    }
  }
  const auto id = [](const Support& s) { return std::to_string(s.id()); };
  for (const char* t : {"proposed", "approved", "disbursed", "completed"}) {
    EXPECT_EQ(types.count(id(repair) + " support." + t), 1u) << t;
  }
  for (const char* t : {"proposed", "approved", "disbursed"}) {
    EXPECT_EQ(types.count(id(capital) + " support." + t), 1u) << t;
  }
  for (const char* t : {"proposed", "approved", "cancelled"}) {
    EXPECT_EQ(types.count(id(scholarship) + " support." + t), 1u) << t;
  }

  // balance_changed per posting: the district fund's last one shows what GetFundBalance shows.
  av1::FundBalance now;
  ASSERT_TRUE(balance(district_fund_id, &now).ok());
  const auto fund_events = events(
      "vnn.allocation.fund.balance_changed",
      [&](const common::v1::EventEnvelope& e) { return e.aggregate_id() == district_fund_id; },
      static_cast<std::size_t>(now.version()));
  ASSERT_FALSE(fund_events.empty());
  av1::FundBalanceChanged last;
  ASSERT_TRUE(fund_events.back().envelope.payload().UnpackTo(&last));
  EXPECT_EQ(fund_events.back().envelope.aggregate_version(), now.version());
  EXPECT_EQ(last.balance().available().dong(), now.available().dong());
  EXPECT_EQ(last.balance().disbursed().dong(), 15'000'000);
  EXPECT_EQ(last.cause(), av1::POSTING_KIND_VOID);
  EXPECT_EQ(last.reference(), "support " + id(scholarship));
  EXPECT_EQ(last.campaign_id(), campaign_);
}

}  // namespace
}  // namespace vnn::testing
