#include "vnn/platform/auth/scope.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "vnn/platform/errors.h"

namespace vnn::platform::auth {
namespace {

const Date kCampaign2024{2024, 3, 1};
const units::AdminUnitTree& tree() { return units::AdminUnitTree::builtin(); }

Principal caller(Role role, std::vector<std::string> units) {
  return Principal{.subject = "officer", .role = role, .unit_codes = std::move(units)};
}

TEST(ScopeTest, ADistrictActsForItselfAndTheCommunesBelowIt) {
  const auto district = caller(Role::kDistrictOffice, {"736"});
  EXPECT_TRUE(may_act_for(district, tree(), "736", kCampaign2024));
  EXPECT_TRUE(may_act_for(district, tree(), "26242", kCampaign2024));  // Phú Túc
  EXPECT_FALSE(may_act_for(district, tree(), "75", kCampaign2024));    // the province above
}

TEST(ScopeTest, ACommuneActsNeitherBesideNorAboveItself) {
  const auto phu_tuc = caller(Role::kCommuneOfficer, {"26242"});
  EXPECT_TRUE(may_act_for(phu_tuc, tree(), "26242", kCampaign2024));
  EXPECT_FALSE(may_act_for(phu_tuc, tree(), "26221", kCampaign2024));  // Phú Hòa, beside
  EXPECT_FALSE(may_act_for(phu_tuc, tree(), "736", kCampaign2024));    // the district
}

TEST(ScopeTest, AuditorsAndServicesActEverywhereAndNoUnitsMeansNowhere) {
  EXPECT_TRUE(may_act_for(caller(Role::kAuditor, {}), tree(), "26242", kCampaign2024));
  EXPECT_TRUE(may_act_for(caller(Role::kService, {}), tree(), "26242", kCampaign2024));
  EXPECT_FALSE(may_act_for(caller(Role::kAgency, {}), tree(), "26242", kCampaign2024));
}

TEST(ScopeTest, RequireUnitTellsAnUnknownUnitFromOneOutOfScope) {
  const auto phu_tuc = caller(Role::kCommuneOfficer, {"26242"});
  try {
    require_unit(phu_tuc, tree(), "unit_code", "99999", kCampaign2024);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ(e.field(), "unit_code");
  }
  try {
    require_unit(phu_tuc, tree(), "unit_code", "26221", kCampaign2024);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kPermissionDenied);
    EXPECT_EQ(e.reason(), "NOT_IN_SCOPE");
  }
}

// The days worth trying for a dataset: each version's first and last day and the days beside
// them, and a few days of the campaigns.
std::vector<Date> probe_days() {
  std::vector<Date> days{{2019, 1, 1}, {2024, 3, 1}, {2025, 6, 30}, {2025, 7, 1}, {2026, 1, 15}};
  for (const auto& unit : tree().all()) {
    if (unit.valid_from) days.push_back(*unit.valid_from);
    if (unit.valid_to) {
      days.push_back(*unit.valid_to);
      days.push_back(unit.valid_to->next_day());
    }
  }
  return days;
}

TEST(UnitScopeTest, AgreesWithCoversForEveryUnitDayAndScopeOfTheDataset) {
  std::set<std::string> codes{"99999"};  // and one the dataset does not know
  for (const auto& unit : tree().all()) codes.insert(unit.code);
  const auto days = probe_days();
  int compared = 0;
  for (const Date today : {Date{2025, 3, 1}, Date{2025, 7, 1}, Date{2026, 12, 7}}) {
    for (const auto& scope_code : codes) {
      const auto scope = unit_scope(caller(Role::kCommuneOfficer, {scope_code}), tree(), today);
      EXPECT_FALSE(scope.everywhere);
      for (const auto& code : codes) {
        for (const auto& day : days) {
          ASSERT_EQ(scope.covers(code, day), tree().covers(scope_code, code, day, today))
              << "scope " << scope_code << " unit " << code << " on " << day.iso() << " today "
              << today.iso();
          ++compared;
        }
      }
    }
  }
  EXPECT_GT(compared, 10000);
}

TEST(UnitScopeTest, ATokenWithSeveralUnitsCoversTheirUnion) {
  const Date today{2026, 12, 7};
  const auto both = unit_scope(caller(Role::kCommuneOfficer, {"26242", "26236"}), tree(), today);
  const auto days = probe_days();
  for (const auto& unit : tree().all()) {
    for (const auto& day : days) {
      EXPECT_EQ(both.covers(unit.code, day), tree().covers("26242", unit.code, day, today) ||
                                                 tree().covers("26236", unit.code, day, today));
    }
  }
}

TEST(UnitScopeTest, TheMergedCommuneStandsForTheOldOnesAndNothingBeside) {
  const Date today{2026, 12, 7};
  // Định Quán 2025 (26206) took in the township 26206, Ngọc Định, Gia Canh and Phú Ngọc.
  const auto dinh_quan = unit_scope(caller(Role::kCommuneOfficer, {"26206"}), tree(), today);
  EXPECT_TRUE(dinh_quan.covers("26224", {2024, 3, 1}));
  EXPECT_TRUE(dinh_quan.covers("26206", {2024, 3, 1}));
  EXPECT_FALSE(dinh_quan.covers("26242", {2024, 3, 1}));  // Phú Túc went to Thống Nhất
  EXPECT_EQ(dinh_quan.codes_covered_on(
                [&](std::string_view code) { return tree().reference_date(code); }),
            (std::vector<std::string>{"26206", "26224", "26230", "26233"}));
}

TEST(UnitScopeTest, AuditorsAndServicesAreEverywhereATokenWithoutUnitsNowhere) {
  EXPECT_TRUE(unit_scope(caller(Role::kAuditor, {}), tree()).everywhere);
  EXPECT_TRUE(unit_scope(caller(Role::kService, {}), tree()).everywhere);
  const auto agency = unit_scope(caller(Role::kAgency, {}), tree());
  EXPECT_FALSE(agency.everywhere);
  EXPECT_TRUE(agency.spans.empty());
  EXPECT_FALSE(agency.covers("26242", kCampaign2024));
}

}  // namespace
}  // namespace vnn::platform::auth
