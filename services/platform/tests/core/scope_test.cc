#include "vnn/platform/auth/scope.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace vnn::platform::auth
