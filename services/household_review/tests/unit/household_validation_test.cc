// What a household sent by a commune must look like before it is registered.

#include "rules/household_validation.h"

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "vnn/platform/errors.h"

namespace vnn::household_review::rules {
namespace {

constexpr int kThisYear = 2024;

// A valid household of Phú Túc; each case below breaks one thing.
HouseholdInput household() {
  HouseholdInput h;
  h.household_code = "DQ-001";
  h.unit_code = "26242";
  h.hamlet = "Ấp 1";
  h.address = "Tổ 3, ấp 1";
  h.poverty_status = "poor";
  h.classified_year = 2023;
  h.housing = "temporary";
  h.vulnerabilities = {"người cao tuổi sống một mình"};
  // 075 Đồng Nai, 0 = male born in the 20th century, 70 = 1970.
  h.head =
      PersonInput{.full_name = "Lê Văn Tám", .citizen_id = "075 070 001234", .birth_year = 1970};
  h.members = {PersonInput{.full_name = "Lê Thị Chín", .relation = "vợ", .birth_year = 1972}};
  return h;
}

TEST(HouseholdValidationTest, AValidHouseholdIsNormalised) {
  const auto checked = check_household(household(), "household.", kThisYear);
  EXPECT_EQ(checked.poverty_standard, "2022-2025");  // the current one when none is named
  ASSERT_EQ(checked.persons.size(), 2u);
  EXPECT_EQ(checked.persons[0].relation, "chủ hộ");
  EXPECT_EQ(checked.persons[0].masked_name, "Lê V. T.");
  EXPECT_EQ(checked.persons[0].citizen_id, "075070001234");
  EXPECT_EQ(checked.persons[1].relation, "vợ");
  EXPECT_EQ(checked.persons[1].citizen_id, std::nullopt);
  EXPECT_EQ(checked.address, "Tổ 3, ấp 1");
}

TEST(HouseholdValidationTest, TheFirstProblemIsReportedOnItsField) {
  struct Case {
    std::string name;
    std::function<void(HouseholdInput&)> change;
    std::string field;
  };
  const std::vector<Case> cases{
      {"no household code", [](auto& h) { h.household_code = ""; }, "household.household_code"},
      {"a code with spaces", [](auto& h) { h.household_code = "DQ 1"; },
       "household.household_code"},
      {"no hamlet", [](auto& h) { h.hamlet = " "; }, "household.hamlet"},
      {"an address too long", [](auto& h) { h.address = std::string(301, 'a'); },
       "household.address"},
      {"no poverty status", [](auto& h) { h.poverty_status = ""; }, "household.poverty_status"},
      {"unknown standard", [](auto& h) { h.poverty_standard = "2011-2015"; },
       "household.poverty_standard"},
      {"year outside the standard", [](auto& h) { h.classified_year = 2019; },
       "household.classified_year"},
      {"no housing", [](auto& h) { h.housing = ""; }, "household.housing"},
      {"eleven vulnerabilities", [](auto& h) { h.vulnerabilities.assign(11, "khuyết tật"); },
       "household.vulnerabilities"},
      {"an empty vulnerability",
       [](auto& h) {
         h.vulnerabilities = {"a", ""};
       },
       "household.vulnerabilities[1]"},
      {"no head", [](auto& h) { h.head.reset(); }, "household.head"},
      {"empty name", [](auto& h) { h.head->full_name = "  "; }, "household.head.full_name"},
      {"impossible birth year", [](auto& h) { h.head->birth_year = 1899; },
       "household.head.birth_year"},
      {"birth year after this year", [](auto& h) { h.head->birth_year = kThisYear + 1; },
       "household.head.birth_year"},
      {"malformed citizen id", [](auto& h) { h.head->citizen_id = "07507000123"; },
       "household.head.citizen_id"},
      {"unknown province code", [](auto& h) { h.head->citizen_id = "003070001234"; },
       "household.head.citizen_id"},
      {"citizen id of another birth year", [](auto& h) { h.head->citizen_id = "075085001234"; },
       "household.head.citizen_id"},
      {"member without a name", [](auto& h) { h.members.push_back({.birth_year = 2001}); },
       "household.members[1].full_name"},
      {"thirty-one members",
       [](auto& h) { h.members.assign(31, {.full_name = "Lê Văn Một", .birth_year = 2000}); },
       "household.members"},
  };
  for (const auto& c : cases) {
    auto h = household();
    c.change(h);
    try {
      check_household(h, "household.", kThisYear);
      ADD_FAILURE() << c.name << ": accepted";
    } catch (const platform::Error& e) {
      EXPECT_EQ(e.code(), platform::ErrorCode::kInvalidArgument) << c.name;
      EXPECT_EQ(e.field(), c.field) << c.name << ": " << e.what();
    }
  }
}

TEST(HouseholdValidationTest, TheReferenceYearIsPassedIn) {
  auto h = household();
  h.members = {PersonInput{.full_name = "Lê Văn Út", .birth_year = 2024}};
  EXPECT_NO_THROW(check_household(h, "", 2024));
  EXPECT_THROW(check_household(h, "", 2023), platform::Error);
}

TEST(HouseholdValidationTest, EachStandardAcceptsItsOwnYears) {
  auto h = household();
  h.poverty_standard = "2016-2020";
  h.classified_year = 2021;  // the 2016-2020 standard was extended through 2021
  EXPECT_NO_THROW(check_household(h, "", kThisYear));
  h.classified_year = 2022;
  EXPECT_THROW(check_household(h, "", kThisYear), platform::Error);
}

TEST(HouseholdValidationTest, ACitizenIdThatDisagreesWithTheBirthYearSaysBoth) {
  PersonInput person{.full_name = "Lê Văn Tám", .citizen_id = "075085001234", .birth_year = 1970};
  try {
    check_person(person, "persons[0]", kThisYear);
    FAIL() << "expected a refusal";
  } catch (const platform::Error& e) {
    EXPECT_EQ(e.field(), "persons[0].citizen_id");
    EXPECT_NE(std::string(e.what()).find("1985"), std::string::npos) << e.what();
    EXPECT_NE(e.vietnamese().find("năm sinh 1985"), std::string::npos) << e.vietnamese();
  }
}

}  // namespace
}  // namespace vnn::household_review::rules
