#include <algorithm>

#include "scenario/expected_report.h"
#include "vnn/platform/units/admin_unit_tree.h"

namespace vnn::campaign {
namespace {

using platform::Date;

// The unit `code` (as it was on `on`) belongs to on `today`: itself, or where its successors
// lead, as services/reporting/src/rules/rollup.cc's unit_today.
std::string unit_today(const platform::units::AdminUnitTree& units, const std::string& code,
                       Date on, const Date& today) {
  std::string current = code;
  for (int step = 0; step < 8; ++step) {
    const auto* unit = units.find(current, on);
    if (unit == nullptr || !unit->valid_to || !(*unit->valid_to < today) ||
        unit->successor_code.empty()) {
      return current;
    }
    on = unit->valid_to->next_day();
    current = unit->successor_code;
  }
  return current;
}

void add_list(std::vector<ExpectedAmount>& into, const std::vector<ExpectedAmount>& from) {
  for (const auto& a : from) {
    const auto it = std::find_if(into.begin(), into.end(),
                                 [&](const ExpectedAmount& b) { return b.key == a.key; });
    if (it == into.end()) {
      into.push_back(a);
    } else {
      it->count += a.count;
      it->amount += a.amount;
    }
  }
  std::sort(into.begin(), into.end(),
            [](const ExpectedAmount& x, const ExpectedAmount& y) { return x.key < y.key; });
}

// Every figure is a sum over records, so the figures of merged units add up.
void add_unit(ExpectedUnitFigures& into, const ExpectedUnitFigures& from) {
  auto& r = into.received;
  r.count += from.received.count;
  r.cash += from.received.cash;
  r.in_kind += from.received.in_kind;
  r.direct_count += from.received.direct_count;
  r.direct_to_households += from.received.direct_to_households;
  add_list(r.by_channel, from.received.by_channel);
  add_list(r.by_donor_kind, from.received.by_donor_kind);
  add_list(r.by_mobiliser, from.received.by_mobiliser);
  auto& h = into.households;
  h.submitted += from.households.submitted;
  h.approved += from.households.approved;
  h.rejected += from.households.rejected;
  h.returned += from.households.returned;
  h.assigned += from.households.assigned;
  h.supported += from.households.supported;
  h.late += from.households.late;
  auto& s = into.supports;
  add_list(s.approved_by_kind, from.supports.approved_by_kind);
  add_list(s.disbursed_by_kind, from.supports.disbursed_by_kind);
  s.houses_built += from.supports.houses_built;
  s.houses_repaired += from.supports.houses_repaired;
  s.approved += from.supports.approved;
  s.disbursed += from.supports.disbursed;
  s.total_value += from.supports.total_value;
  into.target_amount += from.target_amount;
  into.target_houses += from.target_houses;
}

}  // namespace

std::map<std::string, ExpectedUnitFigures> restated_by_unit(const ExpectedReport& report,
                                                            const Date& today) {
  const auto& units = platform::units::AdminUnitTree::builtin();
  std::map<std::string, ExpectedUnitFigures> out;
  for (const auto& [code, figures] : report.by_unit) {
    const std::string now = unit_today(units, code, report.period_end, today);
    auto& into = out[now];
    into.unit_code = now;
    add_unit(into, figures);
  }
  return out;
}

}  // namespace vnn::campaign
