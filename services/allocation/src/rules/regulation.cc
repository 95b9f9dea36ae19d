#include "rules/regulation.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <map>
#include <stdexcept>
#include <utility>

#include "rules/reason_codes.h"
#include "vnn/platform/embedded_file.h"
#include "vnn/platform/errors.h"
#include "vnn/platform/text/csv_reader.h"
#include "vnn/platform/text/text.h"

// Generated at build time from services/allocation/data/regulation/*.csv (vnn_embed_files).
namespace vnn::allocation::generated {
std::vector<vnn::platform::EmbeddedFile> regulation_datasets();
}  // namespace vnn::allocation::generated

namespace vnn::allocation::rules {
namespace {

using platform::Date;

constexpr std::string_view kVersionsHeader = "version,effective_from,effective_to,title,source";
constexpr std::string_view kNormsHeader =
    "version,kind,max_per_household,max_per_campaign,once_in_years,sources,poverty_statuses,"
    "housing,requires_land_use_certificate,meritorious_first,requires_sudden_hardship,name_vi,"
    "basis";

constexpr std::array<std::pair<PovertyStatus, std::string_view>, 2> kPoverty{{
    {PovertyStatus::kPoor, "poor"},
    {PovertyStatus::kNearPoor, "near_poor"},
}};
constexpr std::array<std::pair<Housing, std::string_view>, 3> kHousing{{
    {Housing::kTemporary, "temporary"},
    {Housing::kNonDurable, "non_durable"},
    {Housing::kDurable, "durable"},
}};

struct Origin {
  std::string_view file;
  std::int64_t line = 0;
};

[[noreturn]] void fail(const Origin& origin, const std::string& what) {
  throw std::invalid_argument(std::string(origin.file) + " line " + std::to_string(origin.line) +
                              ": " + what);
}

std::string quoted(std::string_view text) { return "\"" + std::string(text) + "\""; }

using Row = std::vector<std::string>;
struct Record {
  Origin origin;
  Row fields;
};

// The records after the header, blank lines skipped; fails on a wrong header or field count.
std::vector<Record> read_csv(std::string_view file, std::string_view csv, std::string_view header) {
  if (csv.substr(0, 3) == "\xEF\xBB\xBF") csv.remove_prefix(3);
  const std::size_t columns =
      static_cast<std::size_t>(std::count(header.begin(), header.end(), ',')) + 1;
  std::vector<Record> records;
  bool header_seen = false;
  platform::text::CsvReader reader([&](const platform::text::CsvRecord& record) {
    const Origin origin{file, record.line};
    if (record.malformed) fail(origin, "malformed quoting");
    if (!header_seen) {
      std::string joined;
      for (const auto& f : record.fields) {
        if (!joined.empty()) joined += ',';
        joined += f;
      }
      if (joined != header) fail(origin, "header must be " + std::string(header));
      header_seen = true;
      return;
    }
    if (record.fields.size() == 1 && record.fields[0].empty()) return;
    if (record.fields.size() != columns) {
      fail(origin, "expected " + std::to_string(columns) + " fields, found " +
                       std::to_string(record.fields.size()));
    }
    records.push_back({origin, record.fields});
  });
  try {
    reader.feed(csv);
    reader.finish();
  } catch (const platform::Error& e) {
    throw std::invalid_argument(std::string(file) + ": " + e.what());
  }
  if (!header_seen) fail({file, 1}, "header must be " + std::string(header));
  return records;
}

void check_text(const Origin& origin, std::string_view column, const std::string& value,
                std::size_t max_chars) {
  using platform::text::TextProblem;
  const TextProblem problem = platform::text::check_text(value, max_chars, true);
  if (problem != TextProblem::kNone) {
    fail(origin,
         std::string(column) + " " + platform::text::text_problem_reason(problem, max_chars));
  }
  if (platform::text::has_combining_mark(value)) {
    fail(origin, std::string(column) + " is not in Unicode NFC");
  }
}

Date parse_date(const Origin& origin, std::string_view column, const std::string& value) {
  const auto date = Date::parse_iso(value);
  if (!date) fail(origin, std::string(column) + " " + quoted(value) + " is not a YYYY-MM-DD date");
  return *date;
}

std::int64_t parse_number(const Origin& origin, std::string_view column, const std::string& value,
                          std::int64_t min, std::int64_t max) {
  std::int64_t number = 0;
  const char* end = value.data() + value.size();
  const auto [ptr, ec] = std::from_chars(value.data(), end, number);
  const bool digits_only = !value.empty() && std::all_of(value.begin(), value.end(), [](char c) {
    return c >= '0' && c <= '9';
  });
  if (!digits_only || ec != std::errc() || ptr != end || number < min || number > max) {
    fail(origin, std::string(column) + " " + quoted(value) + " must be a whole number from " +
                     std::to_string(min) + " to " + std::to_string(max));
  }
  return number;
}

bool parse_flag(const Origin& origin, std::string_view column, const std::string& value) {
  if (value == "yes") return true;
  if (value == "no") return false;
  fail(origin, std::string(column) + " " + quoted(value) + " must be yes or no");
}

std::vector<std::string> split_list(const std::string& value) {
  std::vector<std::string> words;
  if (value.empty()) return words;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = value.find(';', start);
    words.push_back(
        value.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return words;
}

template <typename T, typename Parse>
std::vector<T> parse_list(const Origin& origin, std::string_view column, const std::string& value,
                          Parse parse_word) {
  std::vector<T> items;
  for (const std::string& word : split_list(value)) {
    const std::optional<T> item = parse_word(word);
    if (!item) fail(origin, std::string(column) + ": unknown word " + quoted(word));
    if (std::find(items.begin(), items.end(), *item) != items.end()) {
      fail(origin, std::string(column) + ": " + quoted(word) + " twice");
    }
    items.push_back(*item);
  }
  return items;
}

bool valid_version_id(std::string_view id) {
  if (id.empty() || id.size() > 32) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.' || c == '_';
  });
}

Date previous_day(const Date& date) {
  if (date.day > 1) return {date.year, date.month, date.day - 1};
  if (date.month > 1) {
    for (int day = 31; day >= 28; --day) {
      const Date candidate{date.year, date.month - 1, day};
      if (candidate.valid()) return candidate;
    }
  }
  return {date.year - 1, 12, 31};
}

RegulationVersion parse_version(const Record& record) {
  const auto& f = record.fields;
  const Origin& o = record.origin;
  RegulationVersion v;
  if (!valid_version_id(f[0])) {
    fail(o, "version " + quoted(f[0]) + " must be 1 to 32 letters, digits, '-', '.' or '_'");
  }
  v.version = f[0];
  v.effective_from = parse_date(o, "effective_from", f[1]);
  if (!f[2].empty()) {
    v.effective_to = parse_date(o, "effective_to", f[2]);
    if (*v.effective_to < v.effective_from) fail(o, "effective_to is before effective_from");
  }
  check_text(o, "title", f[3], 300);
  v.title = f[3];
  check_text(o, "source", f[4], 1000);
  v.source = f[4];
  return v;
}

Norm parse_norm(const Record& record) {
  const auto& f = record.fields;
  const Origin& o = record.origin;
  Norm n;
  const auto kind = parse_kind(f[1]);
  if (!kind) fail(o, "unknown kind " + quoted(f[1]));
  n.kind = *kind;
  // A trillion đồng: far above any support, and far from overflowing a sum of parts.
  n.max_per_household = parse_number(o, "max_per_household", f[2], 0, 1'000'000'000'000);
  n.max_per_campaign = static_cast<int>(parse_number(o, "max_per_campaign", f[3], 1, 100));
  n.once_in_years = static_cast<int>(parse_number(o, "once_in_years", f[4], 0, 100));
  n.sources = parse_list<FundingSource>(o, "sources", f[5], parse_source);
  if (n.sources.empty()) fail(o, "sources: at least one source is needed");
  n.poverty_statuses = parse_list<PovertyStatus>(o, "poverty_statuses", f[6], parse_poverty);
  n.housing = parse_list<Housing>(o, "housing", f[7], parse_housing);
  n.requires_land_use_certificate = parse_flag(o, "requires_land_use_certificate", f[8]);
  n.meritorious_first = parse_flag(o, "meritorious_first", f[9]);
  n.requires_sudden_hardship = parse_flag(o, "requires_sudden_hardship", f[10]);
  check_text(o, "name_vi", f[11], 200);
  n.name_vi = f[11];
  check_text(o, "basis", f[12], 300);
  n.basis = f[12];
  return n;
}

// Open ends compare as plus infinity (versions always have a first day).
bool overlap(const RegulationVersion& a, const RegulationVersion& b) {
  const bool a_starts_before_b_ends = !b.effective_to || a.effective_from <= *b.effective_to;
  const bool b_starts_before_a_ends = !a.effective_to || b.effective_from <= *a.effective_to;
  return a_starts_before_b_ends && b_starts_before_a_ends;
}

}  // namespace

std::string_view poverty_word(PovertyStatus status) {
  for (const auto& [s, word] : kPoverty) {
    if (s == status) return word;
  }
  return "unknown";
}

std::optional<PovertyStatus> parse_poverty(std::string_view word) {
  for (const auto& [s, w] : kPoverty) {
    if (w == word) return s;
  }
  return std::nullopt;
}

std::string_view housing_word(Housing housing) {
  for (const auto& [h, word] : kHousing) {
    if (h == housing) return word;
  }
  return "unknown";
}

std::optional<Housing> parse_housing(std::string_view word) {
  for (const auto& [h, w] : kHousing) {
    if (w == word) return h;
  }
  return std::nullopt;
}

bool Norm::allows(FundingSource source) const {
  return std::find(sources.begin(), sources.end(), source) != sources.end();
}

const Norm* RegulationVersion::norm(SupportKind kind) const {
  for (const Norm& n : norms) {
    if (n.kind == kind) return &n;
  }
  return nullptr;
}

bool RegulationVersion::in_force_on(const Date& day) const {
  return effective_from <= day && (!effective_to || day <= *effective_to);
}

Regulation Regulation::parse(std::string_view versions_csv, std::string_view norms_csv) {
  std::vector<RegulationVersion> versions;
  std::vector<Origin> origins;
  for (const Record& record : read_csv("versions.csv", versions_csv, kVersionsHeader)) {
    RegulationVersion v = parse_version(record);
    for (const RegulationVersion& other : versions) {
      if (other.version == v.version)
        fail(record.origin, "version " + quoted(v.version) + " twice");
    }
    versions.push_back(std::move(v));
    origins.push_back(record.origin);
  }
  if (versions.empty()) throw std::invalid_argument("versions.csv: no version");

  // By effective date; an open end closes the day before the next version begins.
  std::vector<std::size_t> order(versions.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return versions[a].effective_from < versions[b].effective_from;
  });
  for (std::size_t k = 0; k + 1 < order.size(); ++k) {
    RegulationVersion& v = versions[order[k]];
    const RegulationVersion& next = versions[order[k + 1]];
    if (!v.effective_to && v.effective_from < next.effective_from) {
      v.effective_to = previous_day(next.effective_from);
    }
  }
  for (std::size_t i = 0; i < versions.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (overlap(versions[i], versions[j])) {
        fail(origins[i], "version " + quoted(versions[i].version) + " overlaps version " +
                             quoted(versions[j].version) + " (line " +
                             std::to_string(origins[j].line) + ")");
      }
    }
  }

  for (const Record& record : read_csv("norms.csv", norms_csv, kNormsHeader)) {
    auto it = std::find_if(versions.begin(), versions.end(), [&](const RegulationVersion& v) {
      return v.version == record.fields[0];
    });
    if (it == versions.end()) fail(record.origin, "unknown version " + quoted(record.fields[0]));
    Norm norm = parse_norm(record);
    if (it->norm(norm.kind) != nullptr) {
      fail(record.origin, "a second norm for " + quoted(kind_word(norm.kind)) + " in version " +
                              quoted(it->version));
    }
    it->norms.push_back(std::move(norm));
  }
  for (std::size_t i = 0; i < versions.size(); ++i) {
    if (versions[i].norms.empty()) {
      fail(origins[i], "version " + quoted(versions[i].version) + " has no norms in norms.csv");
    }
  }

  Regulation regulation;
  for (std::size_t i : order) regulation.versions_.push_back(std::move(versions[i]));
  return regulation;
}

const Regulation& Regulation::builtin() {
  static const Regulation regulation = [] {
    std::string versions;
    std::string norms;
    for (const platform::EmbeddedFile& file : generated::regulation_datasets()) {
      if (file.name == "versions.csv") versions = file.content;
      if (file.name == "norms.csv") norms = file.content;
    }
    return parse(versions, norms);
  }();
  return regulation;
}

const RegulationVersion& Regulation::in_force(Date day) const {
  for (const RegulationVersion& v : versions_) {
    if (v.in_force_on(day)) return v;
  }
  throw platform::failed_precondition("no regulation version is in force on " + day.iso())
      .with_reason(reason::kNoRegulation)
      .with_vietnamese("Không có quy chế sử dụng Quỹ nào có hiệu lực vào ngày " + day.vietnamese())
      .with_metadata("date", day.iso());
}

const RegulationVersion* Regulation::find(std::string_view version) const {
  for (const RegulationVersion& v : versions_) {
    if (v.version == version) return &v;
  }
  return nullptr;
}

}  // namespace vnn::allocation::rules
