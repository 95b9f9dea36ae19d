// Whose households a caller works with.

#include "rules/scope.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <string>
#include <vector>

#include "vnn/platform/errors.h"

namespace vnn::household_review::rules {
namespace {

using platform::auth::Principal;
using platform::auth::Role;
using platform::units::UnitKind;

const platform::units::AdminUnitTree& tree() { return platform::units::AdminUnitTree::builtin(); }

Principal officer(Role role, std::vector<std::string> units, std::string organisation = {}) {
  return Principal{.subject = "officer",
                   .role = role,
                   .unit_codes = std::move(units),
                   .organisation_id = std::move(organisation)};
}

platform::Error error_of(const std::function<void()>& call) {
  try {
    call();
  } catch (const platform::Error& e) {
    return e;
  }
  ADD_FAILURE() << "expected an error";
  return platform::Error(platform::ErrorCode::kInternal, "none");
}

TEST(ScopeRulesTest, HouseholdsBelongToCommunesWardsAndTownships) {
  EXPECT_TRUE(holds_households(UnitKind::kCommune));
  EXPECT_TRUE(holds_households(UnitKind::kWard));
  EXPECT_TRUE(holds_households(UnitKind::kTownship));
  EXPECT_FALSE(holds_households(UnitKind::kDistrict));
  EXPECT_FALSE(holds_households(UnitKind::kProvince));
  EXPECT_FALSE(holds_households(UnitKind::kCity));
}

TEST(ScopeRulesTest, ACommuneIsRequiredInScope) {
  const auto district = officer(Role::kDistrictOffice, {"736"});
  EXPECT_NO_THROW(require_commune(district, tree(), "unit_code", "26242"));

  auto e = error_of([&] { require_commune(district, tree(), "unit_code", "736"); });
  EXPECT_EQ(e.code(), platform::ErrorCode::kInvalidArgument);
  EXPECT_EQ(e.field(), "unit_code");
  EXPECT_EQ(e.vietnamese(), "Trường «unit_code»: phải là xã, phường hoặc thị trấn");

  e = error_of([&] { require_commune(district, tree(), "unit_code", "99999"); });
  EXPECT_EQ(e.code(), platform::ErrorCode::kInvalidArgument);

  const auto phu_tuc = officer(Role::kCommuneOfficer, {"26242"});
  e = error_of([&] { require_commune(phu_tuc, tree(), "household.unit_code", "26236"); });
  EXPECT_EQ(e.code(), platform::ErrorCode::kPermissionDenied);
  EXPECT_EQ(e.reason(), platform::reason::kNotInScope);
}

TEST(ScopeRulesTest, AHouseholdOutsideTheCallersUnitsIsRefused) {
  const auto phu_tuc = officer(Role::kCommuneOfficer, {"26242"});
  EXPECT_NO_THROW(require_household_in_scope(phu_tuc, tree(), "26242"));
  const auto e = error_of([&] { require_household_in_scope(phu_tuc, tree(), "26236"); });
  EXPECT_EQ(e.code(), platform::ErrorCode::kPermissionDenied);
  EXPECT_EQ(e.reason(), platform::reason::kNotInScope);
  EXPECT_EQ(e.subject(), "unit/26236");
}

TEST(ScopeRulesTest, AMemberOrganisationSeesOnlyHouseholdsAssignedToIt) {
  const auto women = officer(Role::kMemberOrganisation, {"736"}, "hoi-phu-nu");
  EXPECT_TRUE(may_see_household(women, tree(), "26242", true));
  EXPECT_FALSE(may_see_household(women, tree(), "26242", false));
  const auto without_organisation = officer(Role::kMemberOrganisation, {"736"});
  EXPECT_FALSE(may_see_household(without_organisation, tree(), "26242", true));
}

TEST(ScopeRulesTest, OfficersSeeHouseholdsOfTheirUnitsAndAuditorsAll) {
  EXPECT_TRUE(may_see_household(officer(Role::kDistrictOffice, {"736"}), tree(), "26242", false));
  EXPECT_FALSE(
      may_see_household(officer(Role::kCommuneOfficer, {"26221"}), tree(), "26242", false));
  EXPECT_TRUE(may_see_household(officer(Role::kAuditor, {}), tree(), "26242", false));
}

TEST(ScopeRulesTest, ADistrictListsTheCommunesBelowIt) {
  EXPECT_TRUE(lists_units_below(UnitKind::kDistrict));
  EXPECT_TRUE(lists_units_below(UnitKind::kProvince));
  EXPECT_TRUE(lists_units_below(UnitKind::kCity));
  EXPECT_FALSE(lists_units_below(UnitKind::kCommune));
}

TEST(ScopeRulesTest, HouseholdUnitsAreExactlyTheCodesACallerActsFor) {
  std::vector<std::string> codes;
  for (const auto& unit : tree().all()) codes.push_back(unit.code);
  for (const auto& token_unit : codes) {
    const auto who = officer(Role::kCommuneOfficer, {token_unit});
    const auto listed = household_units(who, tree());
    ASSERT_TRUE(listed.has_value());
    for (const auto& code : codes) {
      const bool in_list = std::find(listed->begin(), listed->end(), code) != listed->end();
      EXPECT_EQ(in_list, acts_for_household(who, tree(), code))
          << "token " << token_unit << " household unit " << code;
    }
  }
  EXPECT_FALSE(household_units(officer(Role::kAuditor, {}), tree()).has_value());
  EXPECT_TRUE(household_units(officer(Role::kAgency, {}), tree())->empty());
  EXPECT_EQ(household_units(officer(Role::kCommuneOfficer, {"26236"}), tree()),
            (std::vector<std::string>{"26236"}));
}

}  // namespace
}  // namespace vnn::household_review::rules
