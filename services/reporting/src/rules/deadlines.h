#pragma once
// The campaign's deadlines for communes (the seed plan: household lists by 22/02/2024, the
// results report by 19/05/2024): how many days are left to one, whether a submission was late,
// and which communes lag. A deadline day ends at 24:00 Vietnam time. A list or report counts
// from the day the district office received it (its incoming-document stamp), not from when it
// was entered: paper ones are often entered days later.

#include <optional>
#include <string>
#include <vector>

#include "vnn/platform/date.h"
#include "vnn/platform/units/admin_unit_tree.h"

namespace vnn::reporting::rules {

// Whole days from `as_of` to the deadline day `due`: 0 on the day itself (it still ends at
// 24:00), 1 the day before, −1 the day after (one day past).
int days_left(const platform::Date& due, const platform::Date& as_of);

// Received on `received`: late when received after the deadline day. The day lasts until 24:00
// Vietnam time, and a stamp says only the day, so one received on the due day is on time.
bool is_late(const platform::Date& received, const platform::Date& due);

// The day the district office received a report: platform/received_day.h.

// The units that send lists and reports below `unit_code` on `on` (the campaign's units): the
// leaves of the unit tree under it (communes, wards, townships), in code order; the unit itself
// when it has nothing below it. Empty when the code is unknown on that day.
std::vector<const platform::units::AdminUnit*> reporting_units(
    const platform::units::AdminUnitTree& units, const std::string& unit_code,
    const platform::Date& on);

enum class DeadlineKind { kHouseholdList, kResultsReport };

struct UnitSubmissions {
  std::string unit_code;
  std::string unit_name;
  // The days the district office received the unit's list and results report; nullopt: not yet.
  std::optional<platform::Date> list_received_on;
  std::optional<platform::Date> report_received_on;
};

struct Lag {
  std::string unit_code;
  std::string unit_name;
  DeadlineKind deadline = DeadlineKind::kHouseholdList;
  platform::Date due_on;
  int days_left = 0;
};

// One entry per unit and deadline it has not met yet as of `as_of`: a list or report received
// after `as_of` had not arrived then. Household lists first, then results reports, each in the
// order of `units`. A deadline the campaign does not set lags nobody.
std::vector<Lag> lagging(const std::vector<UnitSubmissions>& units,
                         const std::optional<platform::Date>& household_lists_due,
                         const std::optional<platform::Date>& results_report_due,
                         const platform::Date& as_of);

}  // namespace vnn::reporting::rules
