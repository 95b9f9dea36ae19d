#include "rules/direct_support.h"

#include <gtest/gtest.h>

#include "refusal.h"

namespace vnn::donation::rules {
namespace {

using platform::auth::Principal;
using platform::auth::Role;

const platform::Date kReceived{2024, 3, 1};
constexpr const char* kPhuTuc = "26242";
constexpr const char* kTown = "26206";  // Thị trấn Định Quán

const platform::units::AdminUnitTree& units() { return platform::units::AdminUnitTree::builtin(); }

Principal caller(Role role, std::vector<std::string> unit_codes) {
  return Principal{.subject = "officer", .role = role, .unit_codes = std::move(unit_codes)};
}

// The message a refusal carries (the whole answer a caller sees, beside code and field).
std::string message_of(const Principal& who, const HouseholdFacts& facts) {
  try {
    require_supported_household(who, units(), facts, kReceived, "household_id");
  } catch (const platform::Error& e) {
    return std::string(platform::error_code_name(e.code())) + "|" + e.field() + "|" + e.what() +
           "|" + e.vietnamese();
  }
  return "accepted";
}

TEST(DirectSupport, AnOfficerSupportsHouseholdsOfItsOwnUnitsAndThoseBelow) {
  const HouseholdFacts phu_tuc{.exists = true, .unit_code = kPhuTuc};
  EXPECT_EQ(require_supported_household(caller(Role::kCommuneOfficer, {kPhuTuc}), units(), phu_tuc,
                                        kReceived, "household_id"),
            kPhuTuc);
  EXPECT_EQ(message_of(caller(Role::kDistrictOffice, {"736"}), phu_tuc), "accepted");
}

TEST(DirectSupport, AnotherUnitsHouseholdIsAnsweredAsAnUnknownOne) {
  const auto town_officer = caller(Role::kCommuneOfficer, {kTown});
  const std::string other = message_of(town_officer, {.exists = true, .unit_code = kPhuTuc});
  EXPECT_NE(other, "accepted");
  EXPECT_EQ(other, message_of(town_officer, {.exists = false}));
  EXPECT_TRUE(refuses_field(
      [&] {
        require_supported_household(town_officer, units(), {.exists = true, .unit_code = kPhuTuc},
                                    kReceived, "household_id");
      },
      "household_id"));
  // Even a merged household elsewhere says nothing of its merger.
  EXPECT_EQ(other,
            message_of(town_officer, {.exists = true, .unit_code = kPhuTuc, .merged = true}));
}

TEST(DirectSupport, AMergedHouseholdIsRefusedWithoutSayingWhereItWent) {
  const auto message = message_of(caller(Role::kCommuneOfficer, {kPhuTuc}),
                                  {.exists = true, .unit_code = kPhuTuc, .merged = true});
  EXPECT_NE(message.find("merged"), std::string::npos) << message;
  EXPECT_EQ(message.find_first_of("0123456789", message.find('|') + 1), std::string::npos)
      << message;
}

TEST(DirectSupport, ScopeIsJudgedOnTheDayOfTheGift) {
  // The district of Định Quán (736) and Phú Túc ended with the 2025 merger: a gift dated after
  // it is not one the district's old officers act for.
  const HouseholdFacts phu_tuc{.exists = true, .unit_code = kPhuTuc};
  EXPECT_TRUE(refuses_field(
      [&] {
        require_supported_household(caller(Role::kDistrictOffice, {"736"}), units(), phu_tuc,
                                    platform::Date{2026, 1, 5}, "household_id");
      },
      "household_id"));
}

TEST(DirectSupport, ConfirmationReferencesAreNotReceiptNumbers) {
  EXPECT_EQ(confirmation_reference(2024, 42), "HTTT-2024-000042");
  EXPECT_EQ(confirmation_reference(2024, 1), "HTTT-2024-000001");
  EXPECT_EQ(confirmation_reference(2025, 1234567), "HTTT-2025-1234567");
}

}  // namespace
}  // namespace vnn::donation::rules
