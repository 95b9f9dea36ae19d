#include "rules/rollup.h"

#include <set>

namespace vnn::reporting::rules {
namespace {

// The child of `requested` on the path from `leaf` up to it, on `day`; empty when `leaf` is not
// below `requested` that day.
std::string child_towards(const platform::units::AdminUnitTree& units, const std::string& requested,
                          const std::string& leaf, const platform::Date& day) {
  if (leaf == requested) return leaf;
  std::string current = leaf;
  for (int depth = 0; depth < 8; ++depth) {
    const auto* unit = units.find(current, day);
    if (unit == nullptr || unit->parent_code.empty()) return {};
    if (unit->parent_code == requested) return current;
    current = unit->parent_code;
  }
  return {};
}

}  // namespace

std::string unit_today(const platform::units::AdminUnitTree& units, const std::string& code,
                       const platform::Date& on, const platform::Date& today) {
  std::string current = code;
  platform::Date day = on;
  for (int step = 0; step < 8; ++step) {
    const auto* unit = units.find(current, day);
    if (unit == nullptr || !unit->valid_to || !(*unit->valid_to < today) ||
        unit->successor_code.empty()) {
      return current;
    }
    day = unit->valid_to->next_day();
    current = unit->successor_code;
  }
  return current;
}

Rollup rollup(const platform::units::AdminUnitTree& units, const std::string& requested,
              const std::vector<std::string>& leaves, const platform::Date& period_start,
              const platform::Date& period_end, View view, const platform::Date& today) {
  Rollup out;
  std::set<std::string> groups;
  for (const auto& leaf : leaves) {
    std::string group;
    if (view == View::kAsOfThen) {
      // The tree as it was during the campaign: its last day decides.
      group = child_towards(units, requested, leaf, period_end);
      if (group.empty()) group = child_towards(units, requested, leaf, period_start);
    } else {
      const std::string now = unit_today(units, leaf, period_end, today);
      const bool then_below = !child_towards(units, requested, leaf, period_end).empty();
      const bool now_below = units.covers(requested, leaf, period_end, today);
      if (then_below || now_below) group = now;
    }
    if (group.empty()) continue;
    out.group_of[leaf] = group;
    groups.insert(group);
  }
  out.groups.assign(groups.begin(), groups.end());
  return out;
}

}  // namespace vnn::reporting::rules
