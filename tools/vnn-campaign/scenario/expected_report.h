#pragma once
// What the reporting service must say of the scenario's campaign once the runner has played it:
// the district's progress (vnn.reporting.v1.CampaignProgress, as of then) and the funds' figures,
// computed from the scenario alone, apart from the services, so an acceptance test can compare
// the two to the đồng.
//
// The figures follow services/reporting/src/read_models.cc: a donation counts for its fund's
// unit (the district's own fund for "736"); a payroll list is one donation of channel "payroll"
// by its agency (donor kind "agency", mobiliser the agency); a reversal takes its donation's
// count and amount back from the same keys; gifts handed straight to households count only in
// direct_count and direct_to_households; households and supports count for the household's
// commune; a support counts as approved from approval on (a cancellation after approval takes
// it back, leaving its kind's entry at zero) and as disbursed at its handover, for what the
// funds handed over; total_value adds the non-fund parts as proposed. Lists hold every key an
// event touched, zero entries included, sorted by key, as the service keeps them.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "scenario/scenario.h"

namespace vnn::campaign {

struct ExpectedAmount {
  std::string key;  // "cash", "business", "hoi-lhpn-huyen", "new_house" …
  std::int64_t count = 0;
  std::int64_t amount = 0;  // đồng
  bool operator==(const ExpectedAmount&) const = default;
};

struct ExpectedReceived {
  std::int64_t count = 0;    // donations into funds, net of reversals
  std::int64_t cash = 0;     // cash, transfers and payroll lists
  std::int64_t in_kind = 0;  // assessed value of goods
  std::vector<ExpectedAmount> by_channel, by_donor_kind, by_mobiliser;
  std::int64_t direct_count = 0;
  std::int64_t direct_to_households = 0;
  bool operator==(const ExpectedReceived&) const = default;
};

struct ExpectedHouseholds {
  std::int64_t submitted = 0, approved = 0, rejected = 0, returned = 0, assigned = 0, supported = 0,
               late = 0;
  bool operator==(const ExpectedHouseholds&) const = default;
};

struct ExpectedSupports {
  std::vector<ExpectedAmount> approved_by_kind, disbursed_by_kind;
  std::int64_t houses_built = 0, houses_repaired = 0;
  std::int64_t approved = 0, disbursed = 0, total_value = 0;
  bool operator==(const ExpectedSupports&) const = default;
};

struct ExpectedUnitFigures {
  std::string unit_code;
  ExpectedReceived received;
  ExpectedHouseholds households;
  ExpectedSupports supports;
  std::int64_t target_amount = 0;  // the campaign's targets of the unit (the sum, for a total)
  std::int64_t target_houses = 0;
  bool operator==(const ExpectedUnitFigures&) const = default;
};

struct ExpectedFund {
  std::string fund_id, unit_code, name;
  std::int64_t received = 0;  // cash, transfers and payroll lists credited, reversed ones too
  std::int64_t reversed = 0;  // cash taken back by reversals
  std::int64_t reserved = 0;  // approved, not yet handed over, not cancelled
  std::int64_t disbursed = 0;
  std::int64_t available = 0;  // received − reversed − reserved − disbursed
  std::int64_t in_kind_stock = 0;
  bool operator==(const ExpectedFund&) const = default;
};

struct ExpectedReport {
  platform::Date period_end;  // the campaign's last day: the units "as of then" are its units
  // The district (the campaign's unit): every record of the campaign.
  ExpectedUnitFigures total;
  // By the unit each record belongs to: the communes and township, and "736" for the
  // district fund's own donations (which the service counts in the total but lists under no
  // commune). Only units with records appear.
  std::map<std::string, ExpectedUnitFigures> by_unit;
  // Every fund of the scenario, in its order (the district's first).
  std::vector<ExpectedFund> funds;
};

struct ExpectedReportOptions {
  // The day the runner sends the communes' lists. Household review marks a list late by its
  // clock when the list arrives, not by the scenario's received_on, so a campaign played after
  // its lists' deadline (2024-02-22) has every list late. Unset: each list is late as the
  // scenario dates it.
  std::optional<platform::Date> lists_sent_on;
};

ExpectedReport expected_report(const Scenario& s, const ExpectedReportOptions& options = {});

// The units' figures restated into the units they belong to on `today` (the progress's
// UNIT_VIEW_RESTATED): each record's unit is followed along its successors (the 2025 mergers
// of Định Quán's communes, services/platform/data/admin-units/), and the figures of the units
// that became one are added up. Keyed by today's code; "736" still holds the district fund's
// own records (the district has no successor). The total does not change.
std::map<std::string, ExpectedUnitFigures> restated_by_unit(const ExpectedReport& report,
                                                            const platform::Date& today);

}  // namespace vnn::campaign
