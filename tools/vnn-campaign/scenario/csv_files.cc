#include "scenario/csv_files.h"

#include <string_view>

namespace vnn::campaign {
namespace {

// A field as docs/import-formats.md wants it: quoted when it holds a comma, a quote or a line
// break, with its quotes doubled.
void append_field(std::string& out, std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
    out.append(field);
    return;
  }
  out.push_back('"');
  for (const char c : field) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

void append_row(std::string& out, std::initializer_list<std::string_view> fields) {
  bool first = true;
  for (const auto field : fields) {
    if (!first) out.push_back(',');
    first = false;
    append_field(out, field);
  }
  out.push_back('\n');
}

std::string year_or_empty(int year) { return year == 0 ? std::string() : std::to_string(year); }

}  // namespace

std::string household_list_csv(const std::vector<const Household*>& households) {
  std::string out =
      "household_code,hamlet,address,poverty_status,poverty_standard,classified_year,housing,"
      "meritorious_member,sudden_hardship,vulnerabilities,relation,full_name,birth_year,"
      "citizen_id\n";
  for (const Household* h : households) {
    bool head = true;
    for (const Person& p : h->members) {
      const std::string birth_year = year_or_empty(p.birth_year);
      if (head) {
        // The household's columns are read from the head's row only.
        const std::string classified = std::to_string(h->classified_year);
        append_row(out, {h->code, h->hamlet, h->address, h->poverty_status, "2022-2025", classified,
                         h->housing, h->meritorious ? "có" : "không", h->sudden_hardship,
                         h->vulnerabilities, p.relation, p.full_name, birth_year, p.citizen_id});
      } else {
        append_row(out, {h->code, "", "", "", "", "", "", "", "", "", p.relation, p.full_name,
                         birth_year, p.citizen_id});
      }
      head = false;
    }
  }
  return out;
}

std::string payroll_csv(const PayrollList& list) {
  std::string out = "full_name,citizen_id,amount_dong,note\n";
  for (const PayrollLine& line : list.lines) {
    append_row(out, {line.full_name, line.citizen_id, std::to_string(line.amount), line.note});
  }
  return out;
}

}  // namespace vnn::campaign
