#include "vnn/platform/date.h"

#include <gtest/gtest.h>

#include <chrono>

namespace vnn::platform {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;
using std::chrono::sys_days;
using std::chrono::system_clock;

system_clock::time_point utc(int y, unsigned m, unsigned d, int hour = 0, int minute = 0) {
  return sys_days{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}} +
         hours{hour} + minutes{minute};
}

TEST(DateTest, ParsesIsoDates) {
  const auto date = Date::parse_iso("2024-02-03");
  ASSERT_TRUE(date.has_value());
  EXPECT_EQ(date->year, 2024);
  EXPECT_EQ(date->month, 2);
  EXPECT_EQ(date->day, 3);
  EXPECT_EQ(date->iso(), "2024-02-03");
}

TEST(DateTest, AcceptsLeapDaysOnlyInLeapYears) {
  EXPECT_TRUE(Date::parse_iso("2024-02-29").has_value());
  EXPECT_TRUE(Date::parse_iso("2000-02-29").has_value());
  EXPECT_FALSE(Date::parse_iso("2025-02-29").has_value());
  EXPECT_FALSE(Date::parse_iso("1900-02-29").has_value());
}

TEST(DateTest, RejectsAnythingButAStrictCalendarDate) {
  for (const char* text :
       {"", "2024-2-03", "2024-02-3", "24-02-03", "2024/02/03", "2024-02-03 ", " 2024-02-03",
        "2024-13-01", "2024-00-10", "2024-04-31", "2024-01-00", "0000-01-01", "2024-0a-01",
        "+024-02-03", "2024-02-03T00:00", "２０２４-02-03"}) {
    EXPECT_FALSE(Date::parse_iso(text).has_value()) << text;
  }
}

TEST(DateTest, ValidChecksTheCalendar) {
  EXPECT_TRUE((Date{2024, 5, 19}).valid());
  EXPECT_FALSE((Date{2024, 6, 31}).valid());
  EXPECT_FALSE(Date{}.valid());
  EXPECT_FALSE((Date{2024, -1, 10}).valid());
}

TEST(DateTest, OrdersChronologically) {
  EXPECT_LT((Date{2024, 12, 31}), (Date{2025, 1, 1}));
  EXPECT_LT((Date{2025, 6, 30}), (Date{2025, 7, 1}));
  EXPECT_EQ((Date{2025, 7, 1}), *Date::parse_iso("2025-07-01"));
}

TEST(DateTest, InVietnamIsSevenHoursAheadOfUtc) {
  // 16:59 UTC is 23:59 in Vietnam, the same day; 17:00 UTC is already the next day.
  EXPECT_EQ(Date::in_vietnam(utc(2024, 5, 19, 16, 59)), (Date{2024, 5, 19}));
  EXPECT_EQ(Date::in_vietnam(utc(2024, 5, 19, 17, 0)), (Date{2024, 5, 20}));
  EXPECT_EQ(Date::in_vietnam(utc(2024, 12, 31, 17, 0)), (Date{2025, 1, 1}));
  EXPECT_EQ(Date::in_vietnam(utc(2024, 2, 28, 20, 0)), (Date{2024, 2, 29}));
}

TEST(DateTest, InVietnamBeforeTheEpoch) {
  EXPECT_EQ(Date::in_vietnam(utc(1969, 12, 31, 16, 0)), (Date{1969, 12, 31}));
  EXPECT_EQ(Date::in_vietnam(utc(1969, 12, 31, 18, 0)), (Date{1970, 1, 1}));
}

TEST(DateTest, EndInVietnamIsMidnightLocalTime) {
  // The campaign's last day, 19/05/2024, ends at 24:00 in Vietnam = 17:00 UTC.
  const auto end = (Date{2024, 5, 19}).end_in_vietnam();
  EXPECT_EQ(end, utc(2024, 5, 19, 17, 0));
  EXPECT_EQ(Date::in_vietnam(end - seconds{1}), (Date{2024, 5, 19}));
  EXPECT_EQ(Date::in_vietnam(end), (Date{2024, 5, 20}));
}

TEST(DateTest, EndInVietnamCrossesMonthsAndLeapDays) {
  EXPECT_EQ((Date{2024, 2, 28}).end_in_vietnam(), utc(2024, 2, 28, 17, 0));
  EXPECT_EQ(Date::in_vietnam((Date{2024, 2, 28}).end_in_vietnam()), (Date{2024, 2, 29}));
  EXPECT_EQ(Date::in_vietnam((Date{2025, 6, 30}).end_in_vietnam()), (Date{2025, 7, 1}));
}

TEST(DateTest, EndInVietnamRefusesAnInvalidDate) {
  EXPECT_THROW((Date{2024, 2, 30}).end_in_vietnam(), std::invalid_argument);
}

}  // namespace
}  // namespace vnn::platform
