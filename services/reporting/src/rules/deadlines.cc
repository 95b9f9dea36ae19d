#include "rules/deadlines.h"

#include <algorithm>
#include <chrono>

#include "vnn/platform/errors.h"

namespace vnn::reporting::rules {
namespace {

std::chrono::sys_days to_days(const platform::Date& d) {
  return std::chrono::sys_days{std::chrono::year{d.year} /
                               std::chrono::month{static_cast<unsigned>(d.month)} /
                               std::chrono::day{static_cast<unsigned>(d.day)}};
}

void collect_leaves(const platform::units::AdminUnitTree& units, const std::string& code,
                    const platform::Date& on, std::vector<const platform::units::AdminUnit*>& out) {
  const auto children = units.children(code, on);
  if (children.empty()) {
    if (const auto* unit = units.find(code, on)) out.push_back(unit);
    return;
  }
  for (const auto* child : children) collect_leaves(units, child->code, on, out);
}

bool received_by(const std::optional<platform::Date>& received, const platform::Date& as_of) {
  return received && *received <= as_of;
}

}  // namespace

int days_left(const platform::Date& due, const platform::Date& as_of) {
  return static_cast<int>((to_days(due) - to_days(as_of)).count());
}

bool is_late(const platform::Date& received, const platform::Date& due) { return received > due; }

std::vector<const platform::units::AdminUnit*> reporting_units(
    const platform::units::AdminUnitTree& units, const std::string& unit_code,
    const platform::Date& on) {
  std::vector<const platform::units::AdminUnit*> out;
  if (units.find(unit_code, on) == nullptr) return out;
  collect_leaves(units, unit_code, on, out);
  std::sort(out.begin(), out.end(), [](const auto* a, const auto* b) { return a->code < b->code; });
  return out;
}

std::vector<Lag> lagging(const std::vector<UnitSubmissions>& units,
                         const std::optional<platform::Date>& household_lists_due,
                         const std::optional<platform::Date>& results_report_due,
                         const platform::Date& as_of) {
  std::vector<Lag> out;
  if (household_lists_due) {
    for (const auto& u : units) {
      if (received_by(u.list_received_on, as_of)) continue;
      out.push_back({u.unit_code, u.unit_name, DeadlineKind::kHouseholdList, *household_lists_due,
                     days_left(*household_lists_due, as_of)});
    }
  }
  if (results_report_due) {
    for (const auto& u : units) {
      if (received_by(u.report_received_on, as_of)) continue;
      out.push_back({u.unit_code, u.unit_name, DeadlineKind::kResultsReport, *results_report_due,
                     days_left(*results_report_due, as_of)});
    }
  }
  return out;
}

}  // namespace vnn::reporting::rules
