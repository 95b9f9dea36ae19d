#pragma once
// Calendar dates in Asia/Ho_Chi_Minh (UTC+7 all year, no daylight saving), used for campaign
// periods, deadlines and the validity of administrative units.

#include <chrono>
#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace vnn::platform {

struct Date {
  int year = 0;
  int month = 0;
  int day = 0;

  auto operator<=>(const Date&) const = default;

  // "YYYY-MM-DD"; nullopt unless it is a real calendar date.
  static std::optional<Date> parse_iso(std::string_view text);
  std::string iso() const;
  // "DD/MM/YYYY", as officers write dates.
  std::string vietnamese() const;
  bool valid() const;
  // The following calendar day.
  Date next_day() const;

  // The local date in Vietnam at the given instant.
  static Date in_vietnam(std::chrono::system_clock::time_point at);
  // Today in Vietnam, or the replay day when one is set.
  static Date today_in_vietnam();
  // Replaying a past campaign with the units and officers of its time (the local main job and
  // the acceptance tests): the service takes `day` as today, so unit codes reused after a
  // reorganisation keep their meaning of then. Set once at start-up, before any thread reads
  // the date; never in production (VNN_REPLAY_TODAY, see platform config).
  static void set_replay_today(const Date& day);
  // The first instant after this date ends in Vietnam (24:00 local time): deadlines use it.
  std::chrono::system_clock::time_point end_in_vietnam() const;
};

}  // namespace vnn::platform
