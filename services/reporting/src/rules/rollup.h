#pragma once
// Which leaf units' figures make up a unit's figures, and under which of its units each is
// shown — as of then (the units of the campaign) or restated to today's units (a commune merged
// in 2025 counts in its successor). Records keep their own unit; only the grouping changes.

#include <map>
#include <string>
#include <vector>

#include "vnn/platform/date.h"
#include "vnn/platform/units/admin_unit_tree.h"

namespace vnn::reporting::rules {

enum class View { kAsOfThen, kRestated };

struct Rollup {
  // The leaves whose figures count, each with the unit it is shown under: the requested unit's
  // child containing it (as of then), or the unit it belongs to today (restated). A leaf that
  // is the requested unit itself is shown under itself.
  std::map<std::string, std::string> group_of;
  // The groups in code order.
  std::vector<std::string> groups;
};

// `leaves`: the unit codes the campaign's records name. `period_end`: the campaign's last day
// (mergers after it are not "then"). `today`: for the restated view.
Rollup rollup(const platform::units::AdminUnitTree& units, const std::string& requested,
              const std::vector<std::string>& leaves, const platform::Date& period_start,
              const platform::Date& period_end, View view, const platform::Date& today);

// The unit `code` (named by a record dated `on`) belongs to on `today`: itself, or the unit its
// successor chain leads to.
std::string unit_today(const platform::units::AdminUnitTree& units, const std::string& code,
                       const platform::Date& on, const platform::Date& today);

}  // namespace vnn::reporting::rules
