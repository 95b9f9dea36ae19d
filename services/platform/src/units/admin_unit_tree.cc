#include "vnn/platform/units/admin_unit_tree.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <set>
#include <stdexcept>
#include <utility>

#include "vnn/platform/embedded_file.h"

// Generated at build time from services/platform/data/admin-units/*.csv (vnn_embed_files).
namespace vnn::platform::generated {
std::vector<vnn::platform::EmbeddedFile> admin_unit_datasets();
}  // namespace vnn::platform::generated

namespace vnn::platform::units {
namespace {

constexpr std::string_view kHeader =
    "code,name,kind,parent_code,valid_from,valid_to,successor_code";
constexpr std::size_t kFieldCount = 7;

using Index = std::map<std::string, std::vector<std::size_t>, std::less<>>;

constexpr std::array<std::pair<UnitKind, std::string_view>, 6> kKindNames{{
    {UnitKind::kProvince, "province"},
    {UnitKind::kCity, "city"},
    {UnitKind::kDistrict, "district"},
    {UnitKind::kTownship, "township"},
    {UnitKind::kCommune, "commune"},
    {UnitKind::kWard, "ward"},
}};

std::optional<UnitKind> parse_kind(std::string_view name) {
  for (const auto& [kind, candidate] : kKindNames) {
    if (candidate == name) return kind;
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

Date next_day(const Date& date) {
  using namespace std::chrono;
  const year_month_day ymd{
      sys_days{year_month_day{year{date.year}, month{static_cast<unsigned>(date.month)},
                              day{static_cast<unsigned>(date.day)}}} +
      days{1}};
  return Date{static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
              static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

// A parsed row and where it came from, so cross-row errors can name the line.
struct Row {
  AdminUnit unit;
  std::string source;  // dataset file name; empty for from_csv
  int line = 0;
};

[[noreturn]] void fail(const std::string& source, int line, const std::string& reason) {
  std::string where = source.empty() ? "" : source + " ";
  throw std::invalid_argument("admin units: " + where + "line " + std::to_string(line) + ": " +
                              reason);
}

[[noreturn]] void fail(const Row& row, const std::string& reason) {
  fail(row.source, row.line, reason);
}

// RFC 4180 fields: plain, or double-quoted with "" for a quote, so names may contain commas.
// A quoted field cannot span lines; the datasets never need it.
std::vector<std::string> split_fields(std::string_view line, const std::string& source,
                                      int number) {
  std::vector<std::string> fields;
  std::size_t i = 0;
  while (true) {
    std::string field;
    if (i < line.size() && line[i] == '"') {
      ++i;
      while (true) {
        if (i >= line.size()) fail(source, number, "unterminated quoted field");
        if (line[i] == '"') {
          if (i + 1 < line.size() && line[i + 1] == '"') {
            field.push_back('"');
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        field.push_back(line[i++]);
      }
      if (i < line.size() && line[i] != ',') {
        fail(source, number, "unexpected text after a closing quote");
      }
    } else {
      while (i < line.size() && line[i] != ',') {
        if (line[i] == '"') fail(source, number, "quote inside an unquoted field");
        field.push_back(line[i++]);
      }
    }
    fields.push_back(std::move(field));
    if (i >= line.size()) break;
    ++i;  // the comma
  }
  return fields;
}

bool all_digits(std::string_view text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

enum class TextProblem { kNone, kInvalidUtf8, kNotNfc };

// Well-formed UTF-8 (no overlongs, surrogates or values past U+10FFFF). Vietnamese in NFC has a
// precomposed letter for every tone and vowel mark, so a combining mark (U+0300–U+036F) means
// the text is decomposed, and would not compare equal to the same name typed elsewhere.
TextProblem check_text(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto byte = static_cast<unsigned char>(text[i]);
    std::size_t length = 0;
    std::uint32_t code_point = 0;
    if (byte < 0x80) {
      ++i;
      continue;
    } else if ((byte & 0xE0) == 0xC0) {
      length = 2;
      code_point = byte & 0x1Fu;
    } else if ((byte & 0xF0) == 0xE0) {
      length = 3;
      code_point = byte & 0x0Fu;
    } else if ((byte & 0xF8) == 0xF0) {
      length = 4;
      code_point = byte & 0x07u;
    } else {
      return TextProblem::kInvalidUtf8;
    }
    if (i + length > text.size()) return TextProblem::kInvalidUtf8;
    for (std::size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) return TextProblem::kInvalidUtf8;
      code_point = (code_point << 6) | (next & 0x3Fu);
    }
    constexpr std::array<std::uint32_t, 5> kMinimum{0, 0, 0x80, 0x800, 0x10000};
    if (code_point < kMinimum[length] || code_point > 0x10FFFF ||
        (code_point >= 0xD800 && code_point <= 0xDFFF)) {
      return TextProblem::kInvalidUtf8;
    }
    if (code_point >= 0x0300 && code_point <= 0x036F) return TextProblem::kNotNfc;
    i += length;
  }
  return TextProblem::kNone;
}

std::optional<Date> parse_optional_date(const std::string& text, const char* column,
                                        const std::string& source, int number) {
  if (text.empty()) return std::nullopt;
  std::optional<Date> date = Date::parse_iso(text);
  if (!date) {
    fail(source, number, std::string(column) + " \"" + text + "\" is not a YYYY-MM-DD date");
  }
  return date;
}

Row parse_row(const std::vector<std::string>& fields, const std::string& source, int number) {
  if (fields.size() != kFieldCount) {
    fail(source, number,
         "expected " + std::to_string(kFieldCount) + " fields, found " +
             std::to_string(fields.size()));
  }
  Row row;
  row.source = source;
  row.line = number;
  AdminUnit& unit = row.unit;
  unit.code = fields[0];
  unit.name = fields[1];
  unit.parent_code = fields[3];
  unit.successor_code = fields[6];

  if (!all_digits(unit.code)) fail(row, "code \"" + unit.code + "\" is not a numeric code");
  if (unit.name.empty()) fail(row, "name is empty");
  switch (check_text(unit.name)) {
    case TextProblem::kNone:
      break;
    case TextProblem::kInvalidUtf8:
      fail(row, "name is not valid UTF-8");
    case TextProblem::kNotNfc:
      fail(row, "name is not in Unicode NFC (it contains a combining mark)");
  }
  const std::optional<UnitKind> kind = parse_kind(fields[2]);
  if (!kind) {
    fail(row, "unknown kind \"" + fields[2] +
                  "\" (expected province, city, district, township, commune or ward)");
  }
  unit.kind = *kind;
  if (!unit.parent_code.empty() && !all_digits(unit.parent_code)) {
    fail(row, "parent_code \"" + unit.parent_code + "\" is not a numeric code");
  }
  if (unit.kind == UnitKind::kProvince && !unit.parent_code.empty()) {
    fail(row, "a province has no parent");
  }
  if (level(unit) > 0 && unit.parent_code.empty()) fail(row, "parent_code is empty");
  if (unit.parent_code == unit.code) fail(row, "a unit cannot be its own parent");

  unit.valid_from = parse_optional_date(fields[4], "valid_from", source, number);
  unit.valid_to = parse_optional_date(fields[5], "valid_to", source, number);
  if (unit.valid_from && unit.valid_to && *unit.valid_to < *unit.valid_from) {
    fail(row, "valid_to is before valid_from");
  }
  if (!unit.successor_code.empty()) {
    if (!all_digits(unit.successor_code)) {
      fail(row, "successor_code \"" + unit.successor_code + "\" is not a numeric code");
    }
    if (!unit.valid_to) fail(row, "a unit still in force (no valid_to) cannot have a successor");
  }
  return row;
}

std::vector<Row> parse_rows(std::string_view csv, const std::string& source) {
  // Spreadsheet programs add a byte order mark; it is not part of the header.
  if (csv.substr(0, 3) == "\xEF\xBB\xBF") csv.remove_prefix(3);
  std::vector<Row> rows;
  int number = 0;
  bool header_seen = false;
  std::size_t start = 0;
  while (start < csv.size()) {
    std::size_t end = csv.find('\n', start);
    if (end == std::string_view::npos) end = csv.size();
    std::string_view line = csv.substr(start, end - start);
    start = end + 1;
    ++number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!header_seen) {
      if (line != kHeader) fail(source, number, "header must be " + std::string(kHeader));
      header_seen = true;
      continue;
    }
    if (line.empty()) continue;
    rows.push_back(parse_row(split_fields(line, source, number), source, number));
  }
  if (!header_seen) fail(source, 1, "header must be " + std::string(kHeader));
  return rows;
}

// `get` reads the AdminUnit out of an element, so rows (while validating) and units share code.
template <typename Units, typename Get>
Index index_by_code(const Units& units, Get get) {
  Index index;
  for (std::size_t i = 0; i < units.size(); ++i) index[get(units[i]).code].push_back(i);
  return index;
}

const AdminUnit& unit_of_row(const Row& row) { return row.unit; }
const AdminUnit& unit_itself(const AdminUnit& unit) { return unit; }

// Open ends compare as minus and plus infinity.
bool starts_on_or_before(const AdminUnit& unit, const Date& date) {
  return !unit.valid_from || *unit.valid_from <= date;
}
bool overlap(const AdminUnit& a, const AdminUnit& b) {
  const bool a_starts_before_b_ends = !b.valid_to || starts_on_or_before(a, *b.valid_to);
  const bool b_starts_before_a_ends = !a.valid_to || starts_on_or_before(b, *a.valid_to);
  return a_starts_before_b_ends && b_starts_before_a_ends;
}

template <typename Units, typename Get>
std::optional<std::size_t> find_index(const Units& units, const Index& index, std::string_view code,
                                      const Date& date, Get get) {
  const auto it = index.find(code);
  if (it == index.end()) return std::nullopt;
  for (std::size_t i : it->second) {
    if (get(units[i]).in_force_on(date)) return i;
  }
  return std::nullopt;
}

// The parent must exist on every day of the child's validity, and sit above it.
void check_parent(const std::vector<Row>& rows, const Index& index, const Row& row) {
  const AdminUnit& child = row.unit;
  const auto it = index.find(child.parent_code);
  if (it == index.end()) fail(row, "unknown parent " + child.parent_code);
  std::optional<Date> cursor = child.valid_from;  // nullopt: since before the sources
  while (true) {
    const AdminUnit* parent = nullptr;
    for (std::size_t i : it->second) {
      const AdminUnit& candidate = rows[i].unit;
      if (cursor ? candidate.in_force_on(*cursor) : !candidate.valid_from) parent = &candidate;
    }
    if (parent == nullptr) {
      fail(row, "parent " + child.parent_code + " is not in force on " +
                    (cursor ? cursor->iso() : std::string("this row's earliest dates")));
    }
    if (level(*parent) >= level(child)) {
      fail(row, "parent " + child.parent_code + " (" + std::string(unit_kind_name(parent->kind)) +
                    ") cannot contain a " + std::string(unit_kind_name(child.kind)));
    }
    if (!parent->valid_to) return;
    if (child.valid_to && *child.valid_to <= *parent->valid_to) return;
    cursor = next_day(*parent->valid_to);
  }
}

void validate(const std::vector<Row>& rows) {
  const Index index = index_by_code(rows, &unit_of_row);
  for (const auto& [code, positions] : index) {
    for (std::size_t a = 0; a < positions.size(); ++a) {
      for (std::size_t b = a + 1; b < positions.size(); ++b) {
        const Row& first = rows[positions[a]];
        const Row& second = rows[positions[b]];
        if (overlap(first.unit, second.unit)) {
          fail(second, "code " + code + " overlaps its version on " +
                           (first.source == second.source ? "" : first.source + " ") + "line " +
                           std::to_string(first.line));
        }
      }
    }
  }
  for (const Row& row : rows) {
    if (!row.unit.parent_code.empty()) check_parent(rows, index, row);
    if (!row.unit.successor_code.empty()) {
      const Date day_after = next_day(*row.unit.valid_to);
      if (!find_index(rows, index, row.unit.successor_code, day_after, &unit_of_row)) {
        fail(row,
             "successor " + row.unit.successor_code + " is not in force on " + day_after.iso());
      }
    }
  }
}

std::vector<AdminUnit> units_of(std::vector<Row> rows) {
  std::vector<AdminUnit> units;
  units.reserve(rows.size());
  for (Row& row : rows) units.push_back(std::move(row.unit));
  return units;
}

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

AdminUnitTree AdminUnitTree::from_csv(std::string_view csv) {
  std::vector<Row> rows = parse_rows(csv, "");
  validate(rows);
  AdminUnitTree tree;
  tree.units_ = units_of(std::move(rows));
  tree.versions_ = index_by_code(tree.units_, &unit_itself);
  return tree;
}

const AdminUnitTree& AdminUnitTree::builtin() {
  // Datasets are validated together: a commune in one file may name a province in another.
  static const AdminUnitTree tree = [] {
    std::vector<Row> rows;
    for (const EmbeddedFile& file : generated::admin_unit_datasets()) {
      std::vector<Row> file_rows = parse_rows(file.content, file.name);
      rows.insert(rows.end(), std::make_move_iterator(file_rows.begin()),
                  std::make_move_iterator(file_rows.end()));
    }
    validate(rows);
    AdminUnitTree result;
    result.units_ = units_of(std::move(rows));
    result.versions_ = index_by_code(result.units_, &unit_itself);
    return result;
  }();
  return tree;
}

const AdminUnit* AdminUnitTree::find(std::string_view code, const Date& date) const {
  const auto i = find_index(units_, versions_, code, date, &unit_itself);
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
    if (!starts_on_or_before(version, today)) continue;
    if (!scope || !units_[*scope].valid_from ||
        (version.valid_from && *units_[*scope].valid_from < *version.valid_from)) {
      scope = i;
    }
  }
  if (!scope) return false;

  const auto start = find_index(units_, versions_, unit_code, date, &unit_itself);
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
      if (const auto parent = find_index(units_, versions_, unit.parent_code, on, &unit_itself)) {
        pending.emplace_back(*parent, on);
      }
    }
    if (!unit.successor_code.empty() && unit.valid_to && *unit.valid_to < today) {
      const Date day_after = next_day(*unit.valid_to);
      if (const auto successor =
              find_index(units_, versions_, unit.successor_code, day_after, &unit_itself)) {
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
