#include "vnn/platform/auth/scope.h"

#include <algorithm>
#include <set>
#include <string>
#include <tuple>

#include "vnn/platform/errors.h"

namespace vnn::platform::auth {

bool may_act_for(const Principal& who, const units::AdminUnitTree& units,
                 std::string_view unit_code, const Date& date) {
  if (who.role == Role::kAuditor || who.role == Role::kService) return true;
  for (const auto& scope : who.unit_codes) {
    if (units.covers(scope, unit_code, date)) return true;
  }
  return false;
}

void require_unit(const Principal& who, const units::AdminUnitTree& units, std::string_view field,
                  std::string_view unit_code, const Date& date) {
  if (units.find(unit_code, date) == nullptr) {
    throw invalid_argument(
        std::string(field),
        "unknown administrative unit " + std::string(unit_code) + " on " + date.iso(),
        "không có đơn vị hành chính mã " + std::string(unit_code) + " vào ngày " +
            date.vietnamese());
  }
  if (!may_act_for(who, units, unit_code, date)) {
    throw not_in_scope("caller may not act for unit " + std::string(unit_code))
        .with_subject("unit/" + std::string(unit_code));
  }
}

namespace {

using Bound = std::optional<Date>;

// The later of two lower bounds (empty: since always), the earlier of two upper ones.
Bound later(const Bound& a, const Bound& b) {
  if (!a) return b;
  if (!b) return a;
  return std::max(*a, *b);
}
Bound earlier(const Bound& a, const Bound& b) {
  if (!a) return b;
  if (!b) return a;
  return std::min(*a, *b);
}
bool non_empty(const Bound& from, const Bound& to) { return !from || !to || *from <= *to; }
bool within(const Date& day, const Bound& from, const Bound& to) {
  return (!from || *from <= day) && (!to || day <= *to);
}
// Lower bounds order "since always" first; upper bounds order "still in force" last.
bool lower_before(const Bound& a, const Bound& b) { return a && b ? *a < *b : !a && b; }

// Sorts spans by code and date and joins those of one code that overlap or touch.
std::vector<UnitSpan> normalised(std::vector<UnitSpan> spans) {
  std::sort(spans.begin(), spans.end(), [](const UnitSpan& a, const UnitSpan& b) {
    if (a.code != b.code) return a.code < b.code;
    return lower_before(a.from, b.from);
  });
  std::vector<UnitSpan> out;
  for (auto& span : spans) {
    if (!out.empty() && out.back().code == span.code) {
      auto& last = out.back();
      // Joined when the next one starts no later than the day after the last one ends.
      if (!last.to || !span.from || *span.from <= last.to->next_day()) {
        if (last.to && (!span.to || *last.to < *span.to)) last.to = span.to;
        continue;
      }
    }
    out.push_back(std::move(span));
  }
  return out;
}

}  // namespace

bool UnitSpan::contains(std::string_view unit_code, const Date& date) const {
  return code == unit_code && within(date, from, to);
}

bool UnitScope::covers(std::string_view unit_code, const Date& date) const {
  if (everywhere) return true;
  return std::any_of(spans.begin(), spans.end(),
                     [&](const UnitSpan& span) { return span.contains(unit_code, date); });
}

std::vector<UnitSpan> covered_spans(const units::AdminUnitTree& units, std::string_view scope_code,
                                    const Date& today) {
  const auto& all = units.all();
  // The scope's version, chosen as AdminUnitTree::covers chooses it.
  std::optional<std::size_t> scope;
  for (std::size_t i = 0; i < all.size(); ++i) {
    const auto& version = all[i];
    if (version.code != scope_code) continue;
    if (version.valid_from && today < *version.valid_from) continue;
    if (!scope || !all[*scope].valid_from ||
        (version.valid_from && *all[*scope].valid_from < *version.valid_from)) {
      scope = i;
    }
  }
  if (!scope) return {};

  // covers() walks from (version, day) up to the parent in force that day and forward to the
  // successor on the day after valid_to; here the walk runs backwards from the scope, carrying
  // the days on which each version reaches it.
  struct Reach {
    std::size_t position;
    Bound from, to;
  };
  std::vector<Reach> pending{{*scope, all[*scope].valid_from, all[*scope].valid_to}};
  std::set<std::tuple<std::size_t, Bound, Bound>> seen;
  std::vector<UnitSpan> spans;
  while (!pending.empty()) {
    const Reach reach = pending.back();
    pending.pop_back();
    if (!seen.insert({reach.position, reach.from, reach.to}).second) continue;
    const auto& version = all[reach.position];
    spans.push_back({version.code, reach.from, reach.to});
    for (std::size_t i = 0; i < all.size(); ++i) {
      const auto& other = all[i];
      // A child on the days it is in force and reaches this version.
      if (other.parent_code == version.code) {
        const Bound from = later(reach.from, other.valid_from);
        const Bound to = earlier(reach.to, other.valid_to);
        if (non_empty(from, to)) pending.push_back({i, from, to});
      }
      // A unit merged into this version (by today): all its days, if the day after its last one
      // reaches this version.
      if (other.successor_code == version.code && other.valid_to && *other.valid_to < today &&
          within(other.valid_to->next_day(), reach.from, reach.to)) {
        pending.push_back({i, other.valid_from, other.valid_to});
      }
    }
  }
  return normalised(std::move(spans));
}

UnitScope unit_scope(const Principal& who, const units::AdminUnitTree& units, const Date& today) {
  UnitScope scope;
  if (who.role == Role::kAuditor || who.role == Role::kService) {
    scope.everywhere = true;
    return scope;
  }
  std::vector<UnitSpan> spans;
  for (const auto& code : who.unit_codes) {
    auto covered = covered_spans(units, code, today);
    spans.insert(spans.end(), covered.begin(), covered.end());
  }
  scope.spans = normalised(std::move(spans));
  return scope;
}

UnitScope unit_scope(const Principal& who, const units::AdminUnitTree& units) {
  return unit_scope(who, units, Date::today_in_vietnam());
}

}  // namespace vnn::platform::auth
