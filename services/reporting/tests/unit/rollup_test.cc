// The roll-up of leaf units as of the campaign and restated to today's units, on the real
// dataset of Định Quán: its communes were merged on 2025-07-01 (Phú Túc 26242 and Phú Cường
// 26236 into Thống Nhất 26299; Ngọc Định 26224 into the commune Định Quán 26206).

#include "rules/rollup.h"

#include <gtest/gtest.h>

namespace vnn::reporting::rules {
namespace {

using platform::Date;

const platform::units::AdminUnitTree& units() { return platform::units::AdminUnitTree::builtin(); }

const Date kStart{2024, 2, 3};
const Date kEnd{2024, 5, 19};
const Date kToday{2026, 12, 7};

TEST(Rollup, AsOfThenADistrictShowsItsCommunesOfThen) {
  const auto r = rollup(units(), "736", {"26242", "26236", "26206", "26224", "736"}, kStart, kEnd,
                        View::kAsOfThen, kToday);
  EXPECT_EQ(r.group_of.at("26242"), "26242");
  EXPECT_EQ(r.group_of.at("26236"), "26236");
  EXPECT_EQ(r.group_of.at("26206"), "26206");
  EXPECT_EQ(r.group_of.at("26224"), "26224");
  EXPECT_EQ(r.group_of.at("736"), "736");  // the district's own fund
  EXPECT_EQ(r.groups, (std::vector<std::string>{"26206", "26224", "26236", "26242", "736"}));
}

TEST(Rollup, RestatedTheSameRecordsGroupUnderTodaysCommunes) {
  const auto r = rollup(units(), "736", {"26242", "26236", "26206", "26224"}, kStart, kEnd,
                        View::kRestated, kToday);
  EXPECT_EQ(r.group_of.at("26242"), "26299");
  EXPECT_EQ(r.group_of.at("26236"), "26299");
  EXPECT_EQ(r.group_of.at("26224"), "26206");
  EXPECT_EQ(r.group_of.at("26206"), "26206");
  EXPECT_EQ(r.groups, (std::vector<std::string>{"26206", "26299"}));
}

TEST(Rollup, RestatedToOneOfTodaysCommunesTakesOnlyItsPredecessors) {
  const auto r =
      rollup(units(), "26299", {"26242", "26236", "26245"}, kStart, kEnd, View::kRestated, kToday);
  EXPECT_EQ(r.group_of.count("26242"), 1u);
  EXPECT_EQ(r.group_of.count("26236"), 1u);
  EXPECT_EQ(r.group_of.count("26245"), 0u);  // Suối Nho went to Xuân Bắc 26428
}

TEST(Rollup, AsOfThenACommuneIsItsOwnOnly) {
  const auto r =
      rollup(units(), "26242", {"26242", "26236", "736"}, kStart, kEnd, View::kAsOfThen, kToday);
  EXPECT_EQ(r.group_of.size(), 1u);
  EXPECT_EQ(r.group_of.at("26242"), "26242");
}

TEST(Rollup, AUnitBelongsToItsSuccessorOnlyOnceTheMergerHasTakenEffect) {
  EXPECT_EQ(unit_today(units(), "26212", Date{2024, 3, 1}, kToday), "26215");
  EXPECT_EQ(unit_today(units(), "26212", Date{2024, 3, 1}, Date{2025, 6, 30}), "26212");
  EXPECT_EQ(unit_today(units(), "26209", Date{2024, 3, 1}, kToday), "26209");  // kept its code
}

}  // namespace
}  // namespace vnn::reporting::rules
