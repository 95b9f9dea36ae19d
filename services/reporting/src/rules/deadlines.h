#pragma once
// The campaign's deadlines for communes (the seed plan: household lists by 22/02/2024, the
// results report by 19/05/2024): how many days are left to one, whether a submission was late,
// and which communes lag. A deadline day ends at 24:00 Vietnam time.

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "vnn/platform/date.h"
#include "vnn/platform/units/admin_unit_tree.h"

namespace vnn::reporting::rules {

// Whole days from `as_of` to the deadline day `due`: 0 on the day itself (it still ends at
// 24:00), 1 the day before, −1 the day after (one day past).
int days_left(const platform::Date& due, const platform::Date& as_of);

// Sent at `at`: late when at or after the end of the deadline day in Vietnam.
bool is_late(std::chrono::system_clock::time_point at, const platform::Date& due);

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
  bool list_submitted = false;
  bool report_submitted = false;
};

struct Lag {
  std::string unit_code;
  std::string unit_name;
  DeadlineKind deadline = DeadlineKind::kHouseholdList;
  platform::Date due_on;
  int days_left = 0;
};

// One entry per unit and deadline it has not met yet: household lists first, then results
// reports, each in the order of `units`. A deadline the campaign does not set lags nobody.
std::vector<Lag> lagging(const std::vector<UnitSubmissions>& units,
                         const std::optional<platform::Date>& household_lists_due,
                         const std::optional<platform::Date>& results_report_due,
                         const platform::Date& as_of);

}  // namespace vnn::reporting::rules
