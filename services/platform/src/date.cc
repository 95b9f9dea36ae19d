#include "vnn/platform/date.h"

#include <cstdio>
#include <stdexcept>

namespace vnn::platform {
namespace {

using std::chrono::days;
using std::chrono::hours;
using std::chrono::sys_days;
using std::chrono::year_month_day;

// Asia/Ho_Chi_Minh has been UTC+7 without daylight saving since 1975.
constexpr hours kVietnamOffset{7};

// Four-digit years only, so that iso() and parse_iso() round-trip.
constexpr int kMinYear = 1;
constexpr int kMaxYear = 9999;

year_month_day to_ymd(const Date& date) {
  return year_month_day{std::chrono::year{date.year},
                        std::chrono::month{static_cast<unsigned>(date.month)},
                        std::chrono::day{static_cast<unsigned>(date.day)}};
}

bool parse_digits(std::string_view text, int& out) {
  int value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  out = value;
  return true;
}

}  // namespace

std::optional<Date> Date::parse_iso(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  Date date;
  if (!parse_digits(text.substr(0, 4), date.year) || !parse_digits(text.substr(5, 2), date.month) ||
      !parse_digits(text.substr(8, 2), date.day)) {
    return std::nullopt;
  }
  if (!date.valid()) return std::nullopt;
  return date;
}

std::string Date::iso() const {
  char buffer[40];  // room for any int, so the compiler sees no truncation
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
  return buffer;
}

std::string Date::vietnamese() const {
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%02d/%02d/%04d", day, month, year);
  return buffer;
}

Date Date::next_day() const {
  const year_month_day next{sys_days{to_ymd(*this)} + days{1}};
  return Date{static_cast<int>(next.year()), static_cast<int>(static_cast<unsigned>(next.month())),
              static_cast<int>(static_cast<unsigned>(next.day()))};
}

bool Date::valid() const {
  if (year < kMinYear || year > kMaxYear || month < 1 || month > 12 || day < 1 || day > 31) {
    return false;
  }
  return to_ymd(*this).ok();
}

namespace {
std::optional<Date> replay_today;
}  // namespace

Date Date::today_in_vietnam() {
  if (replay_today) return *replay_today;
  return in_vietnam(std::chrono::system_clock::now());
}

void Date::set_replay_today(const Date& day) {
  if (!day.valid()) throw std::invalid_argument("replay day is not a calendar date: " + day.iso());
  replay_today = day;
}

Date Date::in_vietnam(std::chrono::system_clock::time_point at) {
  // floor, not a cast: instants before 1970 must still land on the right day.
  const year_month_day ymd{std::chrono::floor<days>(at + kVietnamOffset)};
  return Date{static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
              static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

std::chrono::system_clock::time_point Date::end_in_vietnam() const {
  if (!valid()) throw std::invalid_argument("end_in_vietnam: not a calendar date: " + iso());
  // 24:00 local time is 00:00 of the next local day, which is 17:00 UTC of this day.
  return sys_days{to_ymd(*this)} + days{1} - kVietnamOffset;
}

}  // namespace vnn::platform
