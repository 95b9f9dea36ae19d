#include "format.h"

#include <CLI/CLI.hpp>

#include "vnn/platform/date.h"
#include "vnn/platform/money.h"
#include "vnn/platform/proto_convert.h"

namespace vnn::cli {

// The platform's wording, so the CLI and the reports write đồng and dates alike.
std::string format_dong(std::int64_t dong) { return platform::money::format_vietnamese(dong); }

std::string format_date(const common::v1::Date& date) {
  if (date.year() == 0) return "";
  return platform::from_proto(date).vietnamese();
}

common::v1::Date parse_date_option(const std::string& text, const std::string& option) {
  common::v1::Date out;
  if (text.empty()) return out;
  auto date = platform::Date::parse_iso(text);
  if (!date) throw CLI::ValidationError(option, "expected YYYY-MM-DD, got " + text);
  out.set_year(date->year);
  out.set_month(date->month);
  out.set_day(date->day);
  return out;
}

}  // namespace vnn::cli
