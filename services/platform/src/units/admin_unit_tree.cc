#include "vnn/platform/units/admin_unit_tree.h"

#include <array>
#include <set>
#include <utility>

#include "admin_unit_dataset.h"
#include "vnn/platform/embedded_file.h"

// Generated at build time from services/platform/data/admin-units/*.csv (vnn_embed_files).
namespace vnn::platform::generated {
std::vector<vnn::platform::EmbeddedFile> admin_unit_datasets();
}  // namespace vnn::platform::generated

namespace vnn::platform::units {
namespace {

constexpr std::array<std::pair<UnitKind, std::string_view>, 6> kKindNames{{
    {UnitKind::kProvince, "province"},
    {UnitKind::kCity, "city"},
    {UnitKind::kDistrict, "district"},
    {UnitKind::kTownship, "township"},
    {UnitKind::kCommune, "commune"},
    {UnitKind::kWard, "ward"},
}};

}  // namespace

std::string_view unit_kind_name(UnitKind kind) {
  for (const auto& [candidate, name] : kKindNames) {
    if (candidate == kind) return name;
  }
  return "unknown";
}

bool AdminUnit::in_force_on(const Date& date) const {
  return (!valid_from || *valid_from <= date) && (!valid_to || date <= *valid_to);
}

AdminUnitTree::AdminUnitTree(std::vector<AdminUnit> units)
    : units_(std::move(units)), versions_(detail::index_versions(units_)) {}

AdminUnitTree AdminUnitTree::from_csv(std::string_view csv) {
  return AdminUnitTree(detail::load_admin_units({{.source = "", .csv = csv}}));
}

const AdminUnitTree& AdminUnitTree::builtin() {
  static const AdminUnitTree tree = [] {
    const std::vector<EmbeddedFile> files = generated::admin_unit_datasets();
    std::vector<detail::DatasetText> datasets;
    for (const EmbeddedFile& file : files) {
      datasets.push_back({.source = file.name, .csv = file.content});
    }
    return AdminUnitTree(detail::load_admin_units(datasets));
  }();
  return tree;
}

const AdminUnit* AdminUnitTree::find(std::string_view code, const Date& date) const {
  const auto i = detail::version_in_force(units_, versions_, code, date);
  return i ? &units_[*i] : nullptr;
}

std::vector<const AdminUnit*> AdminUnitTree::children(std::string_view parent_code,
                                                      const Date& date) const {
  std::vector<const AdminUnit*> result;
  for (const AdminUnit& unit : units_) {
    if (unit.parent_code == parent_code && unit.in_force_on(date)) result.push_back(&unit);
  }
  return result;
}

bool AdminUnitTree::covers(std::string_view scope_code, std::string_view unit_code,
                           const Date& date) const {
  return covers(scope_code, unit_code, date, Date::today_in_vietnam());
}

bool AdminUnitTree::covers(std::string_view scope_code, std::string_view unit_code,
                           const Date& date, const Date& today) const {
  // The scope: the version in force today, else the last one that began by today (an abolished
  // district still stands for its own records).
  const auto scope_versions = versions_.find(scope_code);
  if (scope_versions == versions_.end()) return false;
  std::optional<std::size_t> scope;
  for (std::size_t i : scope_versions->second) {
    const AdminUnit& version = units_[i];
    if (version.valid_from && today < *version.valid_from) continue;
    if (!scope || !units_[*scope].valid_from ||
        (version.valid_from && *units_[*scope].valid_from < *version.valid_from)) {
      scope = i;
    }
  }
  if (!scope) return false;

  const auto start = detail::version_in_force(units_, versions_, unit_code, date);
  if (!start) return false;

  // Walk up (parents on the same day) and forward (successors on the day after valid_to). The
  // walk is small: a few levels times the few mergers a unit has been through.
  std::vector<std::pair<std::size_t, Date>> pending{{*start, date}};
  std::set<std::pair<std::size_t, Date>> seen;
  while (!pending.empty()) {
    const auto [position, on] = pending.back();
    pending.pop_back();
    if (!seen.insert({position, on}).second) continue;
    if (position == *scope) return true;
    const AdminUnit& unit = units_[position];
    if (!unit.parent_code.empty()) {
      if (const auto parent = detail::version_in_force(units_, versions_, unit.parent_code, on)) {
        pending.emplace_back(*parent, on);
      }
    }
    if (!unit.successor_code.empty() && unit.valid_to && *unit.valid_to < today) {
      const Date day_after = unit.valid_to->next_day();
      if (const auto successor =
              detail::version_in_force(units_, versions_, unit.successor_code, day_after)) {
        pending.emplace_back(*successor, day_after);
      }
    }
  }
  return false;
}

Date AdminUnitTree::reference_date(std::string_view code) const {
  const Date today = Date::today_in_vietnam();
  std::optional<Date> last;
  for (const auto& unit : units_) {
    if (unit.code != code) continue;
    if (unit.in_force_on(today)) return today;
    if (unit.valid_to && (!last || *last < *unit.valid_to)) last = unit.valid_to;
  }
  return last.value_or(today);
}

}  // namespace vnn::platform::units
