#pragma once
// What the acceptance tests read back from the services after a campaign was played, and the
// comparisons of the reports with the scenario's expected figures (gtest expectations naming
// the figure that differs).

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "runner/play.h"
#include "scenario/expected_report.h"
#include "vnn/platform/config.h"

namespace vnn::testing {

reporting::v1::Reconciliation reconcile(campaign::Play& play);
reporting::v1::FinalReport final_report(campaign::Play& play, const std::string& unit_code);
household_review::v1::Coverage district_coverage(campaign::Play& play);  // every page
std::vector<allocation::v1::Support> all_supports(campaign::Play& play);
reporting::v1::LaggingUnits lagging_units(campaign::Play& play, const platform::Date& as_of);
allocation::v1::FundBalance fund_balance(campaign::Play& play, const std::string& fund_id);
allocation::v1::LedgerVerification verify_ledger(campaign::Play& play, const std::string& fund_id);
// Both sides of a fund's public disclosure, every page, as the public reads them (JSON).
std::string disclosure_text(campaign::Play& play, const std::string& fund_id);
// Citizen ids, phones, addresses and household members' names of the scenario: what must never
// be public.
std::vector<std::string> personal_data(const campaign::Scenario& scenario);

// The progress snapshot a dashboard reads from the NATS key-value bucket vnn_progress, once
// `done` holds (polled for up to `timeout`); nullopt (and a test failure) otherwise.
std::optional<reporting::v1::CampaignProgress> wait_for_snapshot(
    const platform::NatsSettings& nats, const std::string& key,
    const std::function<bool(const reporting::v1::CampaignProgress&)>& done,
    std::chrono::milliseconds timeout = std::chrono::seconds(30));

void expect_unit_figures(const reporting::v1::UnitProgress& actual,
                         const campaign::ExpectedUnitFigures& expected, const std::string& where);
void expect_fund_figures(const reporting::v1::FundFigures& actual,
                         const campaign::ExpectedFund& expected);

}  // namespace vnn::testing
