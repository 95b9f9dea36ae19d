#include "format.h"

#include <CLI/CLI.hpp>
#include <cstdio>

#include "vnn/platform/date.h"

namespace vnn::cli {

std::string format_dong(std::int64_t dong) {
  const bool negative = dong < 0;
  std::string digits = std::to_string(negative ? -dong : dong);
  std::string out;
  int count = 0;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    if (count > 0 && count % 3 == 0) out.insert(out.begin(), '.');
    out.insert(out.begin(), *it);
    ++count;
  }
  return (negative ? "-" : "") + out + " đ";
}

std::string format_date(const common::v1::Date& date) {
  if (date.year() == 0) return "";
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%02d/%02d/%04d", date.day(), date.month(), date.year());
  return buffer;
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
