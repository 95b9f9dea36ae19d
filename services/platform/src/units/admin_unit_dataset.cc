#include "admin_unit_dataset.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <stdexcept>
#include <utility>

#include "vnn/platform/text/csv_reader.h"
#include "vnn/platform/text/text.h"

namespace vnn::platform::units::detail {
namespace {

constexpr std::string_view kHeader =
    "code,name,kind,parent_code,valid_from,valid_to,successor_code";
constexpr std::size_t kFieldCount = 7;

std::optional<UnitKind> parse_kind(std::string_view name) {
  for (UnitKind kind : {UnitKind::kProvince, UnitKind::kCity, UnitKind::kDistrict,
                        UnitKind::kTownship, UnitKind::kCommune, UnitKind::kWard}) {
    if (unit_kind_name(kind) == name) return kind;
  }
  return std::nullopt;
}

// 0 province level, 1 district level, 2 commune level. A city is province-level when it has no
// parent (thành phố trực thuộc trung ương) and district-level under a province (thành phố thuộc
// tỉnh).
int level(const AdminUnit& unit) {
  switch (unit.kind) {
    case UnitKind::kProvince:
      return 0;
    case UnitKind::kCity:
      return unit.parent_code.empty() ? 0 : 1;
    case UnitKind::kDistrict:
      return 1;
    case UnitKind::kTownship:
    case UnitKind::kCommune:
    case UnitKind::kWard:
      return 2;
  }
  return 2;
}

// Where a row came from, so that checks across rows can name its line.
struct Origin {
  std::string source;
  std::int64_t line = 0;
};

[[noreturn]] void fail(const Origin& origin, const std::string& reason) {
  std::string where = origin.source.empty() ? "" : origin.source + " ";
  throw std::invalid_argument("admin units: " + where + "line " + std::to_string(origin.line) +
                              ": " + reason);
}

bool all_digits(std::string_view text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool has_line_break(std::string_view field) {
  return field.find_first_of("\r\n") != std::string_view::npos;
}

// A quoted field may not span lines (the datasets never need it), so a line break inside a
// field means its quote was not closed on its own line.
void check_quoting(const text::CsvRecord& record, const Origin& origin) {
  const auto& fields = record.fields;
  if (std::any_of(fields.begin(), fields.end(), has_line_break)) {
    fail(origin, "unterminated quoted field");
  }
  if (!record.malformed) return;
  // The reader keeps a stray quote of an unquoted field, and drops the quotes of a quoted one.
  const bool stray_quote = std::any_of(fields.begin(), fields.end(), [](const std::string& f) {
    return f.find('"') != std::string::npos;
  });
  fail(origin,
       stray_quote ? "quote inside an unquoted field" : "unexpected text after a closing quote");
}

std::optional<Date> parse_optional_date(const std::string& text, const char* column,
                                        const Origin& origin) {
  if (text.empty()) return std::nullopt;
  std::optional<Date> date = Date::parse_iso(text);
  if (!date) fail(origin, std::string(column) + " \"" + text + "\" is not a YYYY-MM-DD date");
  return date;
}

AdminUnit parse_row(const std::vector<std::string>& fields, const Origin& origin) {
  if (fields.size() != kFieldCount) {
    fail(origin, "expected " + std::to_string(kFieldCount) + " fields, found " +
                     std::to_string(fields.size()));
  }
  AdminUnit unit;
  unit.code = fields[0];
  unit.name = fields[1];
  unit.parent_code = fields[3];
  unit.successor_code = fields[6];

  if (!all_digits(unit.code)) fail(origin, "code \"" + unit.code + "\" is not a numeric code");
  if (unit.name.empty()) fail(origin, "name is empty");
  if (!text::is_valid_utf8(unit.name)) fail(origin, "name is not valid UTF-8");
  if (text::has_combining_mark(unit.name)) {
    fail(origin, "name is not in Unicode NFC (it contains a combining mark)");
  }
  const std::optional<UnitKind> kind = parse_kind(fields[2]);
  if (!kind) {
    fail(origin, "unknown kind \"" + fields[2] +
                     "\" (expected province, city, district, township, commune or ward)");
  }
  unit.kind = *kind;
  if (!unit.parent_code.empty() && !all_digits(unit.parent_code)) {
    fail(origin, "parent_code \"" + unit.parent_code + "\" is not a numeric code");
  }
  if (unit.kind == UnitKind::kProvince && !unit.parent_code.empty()) {
    fail(origin, "a province has no parent");
  }
  if (level(unit) > 0 && unit.parent_code.empty()) fail(origin, "parent_code is empty");
  if (unit.parent_code == unit.code) fail(origin, "a unit cannot be its own parent");

  unit.valid_from = parse_optional_date(fields[4], "valid_from", origin);
  unit.valid_to = parse_optional_date(fields[5], "valid_to", origin);
  if (unit.valid_from && unit.valid_to && *unit.valid_to < *unit.valid_from) {
    fail(origin, "valid_to is before valid_from");
  }
  if (!unit.successor_code.empty()) {
    if (!all_digits(unit.successor_code)) {
      fail(origin, "successor_code \"" + unit.successor_code + "\" is not a numeric code");
    }
    if (!unit.valid_to) fail(origin, "a unit still in force (no valid_to) cannot have a successor");
  }
  return unit;
}

bool is_header(const std::vector<std::string>& fields) {
  std::string joined;
  for (const auto& field : fields) {
    if (!joined.empty()) joined += ',';
    joined += field;
  }
  return fields.size() == kFieldCount && joined == kHeader;
}

bool is_blank(const text::CsvRecord& record) {
  return !record.malformed && record.fields.size() == 1 && record.fields[0].empty();
}

void parse_dataset(const DatasetText& dataset, std::vector<AdminUnit>& units,
                   std::vector<Origin>& origins) {
  std::string_view csv = dataset.csv;
  // Spreadsheet programs add a byte order mark; it is not part of the header.
  if (csv.substr(0, 3) == "\xEF\xBB\xBF") csv.remove_prefix(3);
  bool header_seen = false;
  text::CsvReader reader([&](const text::CsvRecord& record) {
    const Origin origin{dataset.source, record.line};
    if (!header_seen) {
      if (record.malformed || !is_header(record.fields)) {
        fail(origin, "header must be " + std::string(kHeader));
      }
      header_seen = true;
      return;
    }
    if (is_blank(record)) return;
    check_quoting(record, origin);
    units.push_back(parse_row(record.fields, origin));
    origins.push_back(origin);
  });
  reader.feed(csv);
  reader.finish();
  if (!header_seen) fail(Origin{dataset.source, 1}, "header must be " + std::string(kHeader));
}

// Open ends compare as minus and plus infinity.
bool overlap(const AdminUnit& a, const AdminUnit& b) {
  auto starts_by = [](const AdminUnit& unit, const Date& date) {
    return !unit.valid_from || *unit.valid_from <= date;
  };
  const bool a_starts_before_b_ends = !b.valid_to || starts_by(a, *b.valid_to);
  const bool b_starts_before_a_ends = !a.valid_to || starts_by(b, *a.valid_to);
  return a_starts_before_b_ends && b_starts_before_a_ends;
}

// The parent must exist on every day of the child's validity, and sit above it.
void check_parent(const std::vector<AdminUnit>& units, const VersionIndex& index,
                  const AdminUnit& child, const Origin& origin) {
  const auto it = index.find(child.parent_code);
  if (it == index.end()) fail(origin, "unknown parent " + child.parent_code);
  std::optional<Date> cursor = child.valid_from;  // nullopt: since before the sources
  while (true) {
    const AdminUnit* parent = nullptr;
    for (std::size_t i : it->second) {
      const AdminUnit& candidate = units[i];
      if (cursor ? candidate.in_force_on(*cursor) : !candidate.valid_from) parent = &candidate;
    }
    if (parent == nullptr) {
      fail(origin, "parent " + child.parent_code + " is not in force on " +
                       (cursor ? cursor->iso() : std::string("this row's earliest dates")));
    }
    if (level(*parent) >= level(child)) {
      fail(origin, "parent " + child.parent_code + " (" +
                       std::string(unit_kind_name(parent->kind)) + ") cannot contain a " +
                       std::string(unit_kind_name(child.kind)));
    }
    if (!parent->valid_to) return;
    if (child.valid_to && *child.valid_to <= *parent->valid_to) return;
    cursor = parent->valid_to->next_day();
  }
}

void check_together(const std::vector<AdminUnit>& units, const std::vector<Origin>& origins) {
  const VersionIndex index = index_versions(units);
  for (const auto& [code, positions] : index) {
    for (std::size_t a = 0; a < positions.size(); ++a) {
      for (std::size_t b = a + 1; b < positions.size(); ++b) {
        const Origin& first = origins[positions[a]];
        const Origin& second = origins[positions[b]];
        if (overlap(units[positions[a]], units[positions[b]])) {
          fail(second, "code " + code + " overlaps its version on " +
                           (first.source == second.source ? "" : first.source + " ") + "line " +
                           std::to_string(first.line));
        }
      }
    }
  }
  for (std::size_t i = 0; i < units.size(); ++i) {
    const AdminUnit& unit = units[i];
    if (!unit.parent_code.empty()) check_parent(units, index, unit, origins[i]);
    if (!unit.successor_code.empty()) {
      const Date day_after = unit.valid_to->next_day();
      if (!version_in_force(units, index, unit.successor_code, day_after)) {
        fail(origins[i],
             "successor " + unit.successor_code + " is not in force on " + day_after.iso());
      }
    }
  }
}

}  // namespace

std::vector<AdminUnit> load_admin_units(const std::vector<DatasetText>& datasets) {
  std::vector<AdminUnit> units;
  std::vector<Origin> origins;
  for (const DatasetText& dataset : datasets) parse_dataset(dataset, units, origins);
  check_together(units, origins);
  return units;
}

VersionIndex index_versions(const std::vector<AdminUnit>& units) {
  VersionIndex index;
  for (std::size_t i = 0; i < units.size(); ++i) index[units[i].code].push_back(i);
  return index;
}

std::optional<std::size_t> version_in_force(const std::vector<AdminUnit>& units,
                                            const VersionIndex& index, std::string_view code,
                                            const Date& date) {
  const auto it = index.find(code);
  if (it == index.end()) return std::nullopt;
  for (std::size_t i : it->second) {
    if (units[i].in_force_on(date)) return i;
  }
  return std::nullopt;
}

}  // namespace vnn::platform::units::detail
