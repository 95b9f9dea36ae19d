#pragma once
// The administrative-unit tree as versioned reference data. A unit's key is its code plus its
// validity period, because codes were reused after the 2025 merger (26206 is a township before
// 2025-07-01 and a merged commune after). The dataset ships with the project (see
// services/platform/data/admin-units/) and every service loads it through this class.

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vnn/platform/date.h"

namespace vnn::platform::units {

enum class UnitKind { kProvince, kCity, kDistrict, kTownship, kCommune, kWard };
std::string_view unit_kind_name(UnitKind kind);  // "province", "city", "district", …

struct AdminUnit {
  std::string code;
  std::string name;  // official Vietnamese name with its type prefix (NFC)
  UnitKind kind = UnitKind::kCommune;
  std::string parent_code;         // empty for a province
  std::optional<Date> valid_from;  // empty: since before the sources
  std::optional<Date> valid_to;    // empty: still in force (inclusive last day)
  std::string successor_code;      // the unit that took this one in, if merged

  bool in_force_on(const Date& date) const;
};

class AdminUnitTree {
 public:
  // Parses the CSV format documented in data/admin-units/README.md
  // (code,name,kind,parent_code,valid_from,valid_to,successor_code). Throws
  // std::invalid_argument naming the line for a malformed row, an unknown parent on the row's
  // dates, overlapping versions of one code, or a successor missing on the day after valid_to.
  static AdminUnitTree from_csv(std::string_view csv);
  // The day to read `code` on when a record has no date of its own (a fund, a mobiliser, a
  // statement): today if the unit is in force, else the last day it was (a 2024 district's
  // board still acts for its own records). Today when the code is unknown.
  Date reference_date(std::string_view code) const;

  // All datasets compiled into the binary.
  static const AdminUnitTree& builtin();

  // The version of `code` in force on `date`; nullptr if none.
  const AdminUnit* find(std::string_view code, const Date& date) const;
  // Every version of every unit, in dataset order.
  const std::vector<AdminUnit>& all() const { return units_; }
  // Units whose parent (on `date`) is `parent_code`; all provinces for an empty code.
  std::vector<const AdminUnit*> children(std::string_view parent_code, const Date& date) const;

  // True when a caller acting for `scope_code` may act for `unit_code` on `date`: the unit is
  // the scope itself or below it on that date, or — for a unit that no longer exists — its
  // successor chain leads to such a unit today (the merged commune stands for the old ones).
  // A scope never covers units beside or above it.
  //
  // The rule, precisely. A token names units as they are when it is used, so `scope_code` means
  // the version of that code in force `today` (or, for a unit that no longer exists, its last
  // version). `unit_code` is read on `date`, the date of the record. Starting from that version,
  // step up to its parent (on the same day) and forward to its successor (on the day after its
  // valid_to, but only for mergers that have taken effect by `today`), as often as needed; the
  // scope covers the unit when one of these steps reaches the scope's version. Versions, not
  // codes, are compared: the 2025 commune 26206 covers 2024 records of the township 26206 and of
  // Ngọc Định 26224 (both merged into it), while in 2024 the township 26206 covers neither
  // Ngọc Định nor anything else beside it. A code unknown on its date is covered by nothing.
  bool covers(std::string_view scope_code, std::string_view unit_code, const Date& date) const;
  // The same with "today" given, for tests and for replaying a past decision. The overload
  // above passes Date::today_in_vietnam().
  bool covers(std::string_view scope_code, std::string_view unit_code, const Date& date,
              const Date& today) const;

 private:
  explicit AdminUnitTree(std::vector<AdminUnit> units);

  std::vector<AdminUnit> units_;
  // code → positions in units_ of its versions, so a lookup is not a scan of the whole country.
  std::map<std::string, std::vector<std::size_t>, std::less<>> versions_;
};

}  // namespace vnn::platform::units
