// The acceptance test of the seed's campaign: the four services as real processes on a real
// PostgreSQL and nats-server, the campaign played by the same runner as the main job with fixed
// data, and then every figure of the district's final report compared to the đồng with what the
// scenario says it must be (computed from the scenario alone), the coverage, the deadlines,
// the ledger, the public disclosure, reconciliation, and the dashboard's snapshot in NATS.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "campaign_checks.h"
#include "campaign_stack.h"
#include "runner/campaign_runner.h"
#include "scenario/expected_report.h"
#include "scenario/generator.h"
#include "vnn/testing/calls.h"

namespace vnn::testing {
namespace {

namespace rv1 = reporting::v1;
namespace av1 = allocation::v1;
namespace hv1 = household_review::v1;

class CampaignAcceptanceTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    stack_ = new CampaignStack();
    scenario_ = new campaign::Scenario(campaign::generate(kOptions));
    services_ = new campaign::Services(stack_->targets());
    officers_ = new campaign::Officers(stack_->officers_signing_key(), "vnn-local",
                                       scenario_->campaign.unit_code);
    play_ = new campaign::Play(*scenario_, *services_, *officers_, {});
    result_ = campaign::run_campaign(*play_);
  }
  static void TearDownTestSuite() {
    delete play_;
    delete officers_;
    delete services_;
    delete scenario_;
    delete stack_;
  }

  // Fixed data: the main job's seed, a little smaller so the suite stays quick.
  static constexpr campaign::GeneratorOptions kOptions{
      .seed = 20240203, .donors = 1000, .households = 240};
  static inline CampaignStack* stack_ = nullptr;
  static inline campaign::Scenario* scenario_ = nullptr;
  static inline campaign::Services* services_ = nullptr;
  static inline campaign::Officers* officers_ = nullptr;
  static inline campaign::Play* play_ = nullptr;
  static inline campaign::RunResult result_;
};

TEST_F(CampaignAcceptanceTest, ThePlayedCampaignReconcilesWithNoDifference) {
  ASSERT_TRUE(result_.reconciled);
  auto reconciliation = reconcile(*play_);
  EXPECT_EQ(reconciliation.differences_size(), 0) << reconciliation.ShortDebugString();
  EXPECT_GT(reconciliation.figures_compared(), 0);
  EXPECT_EQ(reconciliation.consumer_lag(), 0);
  std::printf("campaign played in %.1f s: %ld calls\n",
              static_cast<double>(result_.took.count()) / 1000.0, play_->stats.calls());
}

TEST_F(CampaignAcceptanceTest, EveryFigureOfTheFinalReportIsTheScenariosToTheDong) {
  auto expected = campaign::expected_report(*scenario_);
  // A campaign with something in every part, so that equal figures mean something.
  ASSERT_GT(expected.total.received.cash, 0);
  ASSERT_GT(expected.total.received.in_kind, 0);
  ASSERT_GT(expected.total.received.direct_to_households, 0);
  ASSERT_GT(expected.total.supports.disbursed, 0);
  ASSERT_GT(expected.total.supports.houses_built, 0);
  ASSERT_GT(expected.total.households.rejected, 0);
  auto report = final_report(*play_, scenario_->campaign.unit_code);
  const auto& progress = report.progress();
  expect_unit_figures(progress.total(), expected.total, "district total");
  for (const auto& unit : progress.units()) {
    auto found = expected.by_unit.find(unit.unit_code());
    campaign::ExpectedUnitFigures none;
    none.unit_code = unit.unit_code();
    for (const auto& target : scenario_->campaign.targets) {
      if (target.unit_code == unit.unit_code()) {
        none.target_amount = target.amount;
        none.target_houses = target.houses;
      }
    }
    expect_unit_figures(unit, found == expected.by_unit.end() ? none : found->second,
                        "unit " + unit.unit_code());
  }
  std::set<std::string> reported_units;
  for (const auto& unit : progress.units()) reported_units.insert(unit.unit_code());
  for (const auto& commune : scenario_->communes) {
    EXPECT_TRUE(reported_units.count(commune.code)) << "the report lists no " << commune.code;
  }
  std::map<std::string, const rv1::FundFigures*> funds;
  for (const auto& fund : progress.funds()) funds[fund.fund_id()] = &fund;
  for (const auto& fund : expected.funds) {
    ASSERT_TRUE(funds.count(fund.fund_id)) << "no figures for " << fund.fund_id;
    expect_fund_figures(*funds[fund.fund_id], fund);
  }
  EXPECT_FALSE(report.reconciliation().empty());
}

TEST_F(CampaignAcceptanceTest, EveryApprovedHouseholdHasAnOrganisationAndNoneIsSupportedTwice) {
  auto coverage = district_coverage(*play_);
  EXPECT_EQ(coverage.unassigned_size(), 0) << coverage.ShortDebugString();
  EXPECT_EQ(coverage.overlaps_size(), 0) << coverage.ShortDebugString();
  // In allocation: no household has two live supports of one kind beyond what the regulation
  // allows (houses: one).
  std::map<std::pair<std::int64_t, int>, int> live;
  for (const auto& support : all_supports(*play_)) {
    if (support.state() == av1::SUPPORT_STATE_CANCELLED) continue;
    ++live[{support.household_id(), support.kind()}];
  }
  for (const auto& [key, count] : live) {
    if (key.second == av1::SUPPORT_KIND_NEW_HOUSE || key.second == av1::SUPPORT_KIND_HOUSE_REPAIR) {
      EXPECT_EQ(count, 1) << "household " << key.first << " has " << count << " houses";
    }
  }
}

TEST_F(CampaignAcceptanceTest, LateListsAreFlaggedAndUnitsWithoutAReportLag) {
  std::int64_t late_households = 0;
  for (const auto& list : scenario_->submissions) {
    if (list.received_on > scenario_->campaign.lists_due) {
      late_households += static_cast<std::int64_t>(list.household_keys.size());
    }
  }
  ASSERT_GT(late_households, 0) << "the scenario should have late lists";
  auto report = final_report(*play_, scenario_->campaign.unit_code);
  EXPECT_EQ(report.progress().total().households().late(), late_households);

  std::set<std::string> sent;
  for (const auto& r : scenario_->results_reports) {
    if (r.received_on <= scenario_->campaign.report_due) sent.insert(r.unit_code);
  }
  auto lagging = lagging_units(*play_, scenario_->campaign.report_due.next_day());
  std::set<std::string> lagging_report;
  for (const auto& unit : lagging.units()) {
    if (unit.deadline() == rv1::DEADLINE_RESULTS_REPORT) lagging_report.insert(unit.unit_code());
  }
  for (const auto& commune : scenario_->communes) {
    EXPECT_EQ(lagging_report.count(commune.code) == 1, sent.count(commune.code) == 0)
        << commune.code << " lagging on its results report";
  }
}

TEST_F(CampaignAcceptanceTest, NoFundIsBelowZeroAndEveryBalanceEqualsItsEntries) {
  for (const auto& fund : scenario_->funds) {
    auto balance = fund_balance(*play_, fund.id);
    EXPECT_GE(balance.available().dong(), 0) << fund.id;
    EXPECT_FALSE(balance.flagged_short()) << fund.id;
    auto verification = verify_ledger(*play_, fund.id);
    EXPECT_TRUE(verification.balanced() && verification.matches())
        << fund.id << ": " << verification.ShortDebugString();
  }
}

TEST_F(CampaignAcceptanceTest, ThePublicDisclosureShowsNoPersonalData) {
  auto text = disclosure_text(*play_, scenario_->funds.front().id);
  ASSERT_FALSE(text.empty());
  for (const auto& secret : personal_data(*scenario_)) {
    EXPECT_EQ(text.find(secret), std::string::npos) << "the disclosure shows " << secret;
  }
}

TEST_F(CampaignAcceptanceTest, ADashboardSubscribedToTheProgressBucketSeesTheFinalTotals) {
  auto expected = campaign::expected_report(*scenario_);
  auto snapshot = wait_for_snapshot(
      stack_->nats_settings(), scenario_->campaign.id + "." + scenario_->campaign.unit_code,
      [&](const rv1::CampaignProgress& p) {
        return p.total().received().cash().dong() == expected.total.received.cash &&
               p.total().supports().disbursed().dong() == expected.total.supports.disbursed;
      });
  ASSERT_TRUE(snapshot.has_value());
  expect_unit_figures(snapshot->total(), expected.total, "dashboard snapshot");
}

}  // namespace
}  // namespace vnn::testing
