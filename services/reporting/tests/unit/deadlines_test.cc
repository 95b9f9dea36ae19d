// Deadlines of the campaign for communes: days left, lateness judged on the day received,
// lagging units.
#include "rules/deadlines.h"

#include <gtest/gtest.h>

#include <string>

#include "vnn/platform/errors.h"

namespace vnn::reporting::rules {
namespace {

using platform::Date;

TEST(DaysLeft, ZeroOnTheDayNegativeAfter) {
  const Date due{2024, 5, 19};
  EXPECT_EQ(days_left(due, Date{2024, 5, 19}), 0);
  EXPECT_EQ(days_left(due, Date{2024, 5, 18}), 1);
  EXPECT_EQ(days_left(due, Date{2024, 5, 20}), -1);
  EXPECT_EQ(days_left(Date{2024, 2, 22}, Date{2024, 2, 3}), 19);
  EXPECT_EQ(days_left(Date{2024, 3, 1}, Date{2024, 2, 28}), 2);  // 2024 is a leap year
  EXPECT_EQ(days_left(Date{2024, 5, 19}, Date{2025, 5, 19}), -365);
}

TEST(IsLate, TheDeadlineDayEndsAtMidnightInVietnam) {
  using namespace std::chrono;
  const Date due{2024, 5, 19};
  // 23:59:59 on 19/05 in Vietnam is 16:59:59 UTC: the stamp of a report that arrived then is the
  // due day, on time; a second later it is the next day, late.
  const auto last_second = sys_days{year{2024} / 5 / 19} + hours(16) + minutes(59) + seconds(59);
  EXPECT_FALSE(is_late(Date::in_vietnam(last_second), due));
  EXPECT_TRUE(is_late(Date::in_vietnam(last_second + seconds(1)), due));
  EXPECT_EQ(Date::in_vietnam(last_second + seconds(1)), due.next_day());
  EXPECT_EQ(last_second + seconds(1), due.end_in_vietnam());
  EXPECT_FALSE(is_late(Date{2024, 5, 1}, due));
  EXPECT_FALSE(is_late(Date{2024, 5, 19}, due));
  EXPECT_TRUE(is_late(Date{2024, 5, 21}, due));
}

TEST(Lagging, ListsEachUnmetDeadlineListsFirst) {
  const Date day{2024, 2, 20};
  const std::vector<UnitSubmissions> units{{"26236", "Xã Phú Cường", day, std::nullopt},
                                           {"26242", "Xã Phú Túc", std::nullopt, std::nullopt},
                                           {"26245", "Xã Suối Nho", day, Date{2024, 5, 19}}};
  const auto lags = lagging(units, Date{2024, 2, 22}, Date{2024, 5, 19}, Date{2024, 5, 21});
  ASSERT_EQ(lags.size(), 3u);
  EXPECT_EQ(lags[0].unit_code, "26242");
  EXPECT_EQ(lags[0].deadline, DeadlineKind::kHouseholdList);
  EXPECT_EQ(lags[0].due_on, (Date{2024, 2, 22}));
  EXPECT_EQ(lags[0].days_left, -89);
  EXPECT_EQ(lags[1].unit_code, "26236");
  EXPECT_EQ(lags[1].deadline, DeadlineKind::kResultsReport);
  EXPECT_EQ(lags[1].days_left, -2);
  EXPECT_EQ(lags[2].unit_code, "26242");
  EXPECT_EQ(lags[2].unit_name, "Xã Phú Túc");
}

TEST(Lagging, AListOrReportReceivedAfterTheDayAskedForStillLaggedThen) {
  // Phú Túc's list reached the district on 25/02 (late), its report on 19/05.
  const std::vector<UnitSubmissions> units{
      {"26242", "Xã Phú Túc", Date{2024, 2, 25}, Date{2024, 5, 19}}};
  auto lags = lagging(units, Date{2024, 2, 22}, Date{2024, 5, 19}, Date{2024, 2, 24});
  ASSERT_EQ(lags.size(), 2u);
  EXPECT_EQ(lags[0].deadline, DeadlineKind::kHouseholdList);
  EXPECT_EQ(lags[0].days_left, -2);
  EXPECT_EQ(lags[1].deadline, DeadlineKind::kResultsReport);
  lags = lagging(units, Date{2024, 2, 22}, Date{2024, 5, 19}, Date{2024, 2, 25});
  ASSERT_EQ(lags.size(), 1u);
  EXPECT_EQ(lags[0].deadline, DeadlineKind::kResultsReport);
  EXPECT_TRUE(lagging(units, Date{2024, 2, 22}, Date{2024, 5, 19}, Date{2024, 5, 19}).empty());
}

TEST(Lagging, ADeadlineNotSetLagsNobody) {
  const std::vector<UnitSubmissions> units{{"26242", "Xã Phú Túc", std::nullopt, std::nullopt}};
  const auto lags = lagging(units, std::nullopt, Date{2024, 5, 19}, Date{2024, 5, 10});
  ASSERT_EQ(lags.size(), 1u);
  EXPECT_EQ(lags[0].deadline, DeadlineKind::kResultsReport);
  EXPECT_EQ(lags[0].days_left, 9);
  EXPECT_TRUE(lagging(units, std::nullopt, std::nullopt, Date{2024, 5, 10}).empty());
}

TEST(ReportingUnits, TheCommunesOfTheDistrictAsOfTheCampaign) {
  const auto& tree = platform::units::AdminUnitTree::builtin();
  const Date on{2024, 5, 19};
  const auto units = reporting_units(tree, "736", on);  // Định Quán
  ASSERT_FALSE(units.empty());
  bool phu_tuc = false;
  for (const auto* u : units) {
    EXPECT_TRUE(tree.children(u->code, on).empty()) << u->code;
    if (u->code == "26242") phu_tuc = true;
  }
  EXPECT_TRUE(phu_tuc);
  for (std::size_t i = 1; i < units.size(); ++i) EXPECT_LT(units[i - 1]->code, units[i]->code);
  const auto commune = reporting_units(tree, "26242", on);
  ASSERT_EQ(commune.size(), 1u);
  EXPECT_EQ(commune[0]->code, "26242");
  EXPECT_TRUE(reporting_units(tree, "no-such-unit", on).empty());
}

}  // namespace
}  // namespace vnn::reporting::rules
