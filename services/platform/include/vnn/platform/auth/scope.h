#pragma once
// Whom a caller may act for, as plain rules over the token's claims and the unit tree: a caller
// acting for a unit may act for the units below it, never beside or above it. Auditors and
// services act everywhere (auditors' methods only read).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vnn/platform/auth/principal.h"
#include "vnn/platform/date.h"
#include "vnn/platform/units/admin_unit_tree.h"

namespace vnn::platform::auth {

bool may_act_for(const Principal& who, const units::AdminUnitTree& units,
                 std::string_view unit_code, const Date& date);

// INVALID_ARGUMENT on `field` for a unit unknown on `date`; PERMISSION_DENIED (NOT_IN_SCOPE)
// for a unit outside the caller's scope.
void require_unit(const Principal& who, const units::AdminUnitTree& units, std::string_view field,
                  std::string_view unit_code, const Date& date);

// A unit code over a period of record dates (bounds inclusive; empty: open). A record of
// `code` dated within [from, to] is covered.
struct UnitSpan {
  std::string code;
  std::optional<Date> from;
  std::optional<Date> to;

  bool contains(std::string_view unit_code, const Date& date) const;
  bool operator==(const UnitSpan&) const = default;
};

// What a caller covers, as data a query can carry: `everywhere` for auditors and services,
// otherwise the (code, record dates) spans under the units in its token. A record (unit_code,
// date) is covered exactly when may_act_for(who, units, unit_code, date) is true: the spans are
// AdminUnitTree::covers walked backwards (down to children on the same day, back to the units
// merged into a successor), so lists, searches and checks can put the scope into SQL before
// their LIMIT instead of filtering rows already fetched.
struct UnitScope {
  bool everywhere = false;
  std::vector<UnitSpan> spans;  // per code, non-overlapping, in code then date order

  bool covers(std::string_view unit_code, const Date& date) const;
  // Codes covered on the day given for each code (e.g. AdminUnitTree::reference_date, the day
  // a household's unit code is read on); meaningless when `everywhere`.
  template <typename DayOf>
  std::vector<std::string> codes_covered_on(DayOf day_of) const {
    std::vector<std::string> codes;
    for (const auto& span : spans) {
      if ((codes.empty() || codes.back() != span.code) &&
          span.contains(span.code, day_of(span.code)))
        codes.push_back(span.code);
    }
    return codes;
  }
};

// The spans a token's unit `scope_code` covers, `today` deciding which version of the code the
// token means and which mergers have taken effect (as in AdminUnitTree::covers).
std::vector<UnitSpan> covered_spans(const units::AdminUnitTree& units, std::string_view scope_code,
                                    const Date& today);

// The caller's whole scope: everywhere for auditors and services, else the union of
// covered_spans over the token's units (nothing for a token without units).
UnitScope unit_scope(const Principal& who, const units::AdminUnitTree& units, const Date& today);
UnitScope unit_scope(const Principal& who, const units::AdminUnitTree& units);

}  // namespace vnn::platform::auth
