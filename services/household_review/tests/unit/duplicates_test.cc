// The duplicate block on approval and the rules of deciding a pair.

#include "rules/duplicates.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "vnn/platform/errors.h"

namespace vnn::household_review::rules {
namespace {

using platform::auth::Principal;
using platform::auth::Role;

const platform::units::AdminUnitTree& tree() { return platform::units::AdminUnitTree::builtin(); }

// Phú Túc and Phú Cường, two communes of Định Quán (736).
const DuplicatePair kPair{.household_id = 41,
                          .other_household_id = 97,
                          .household_unit_code = "26242",
                          .other_unit_code = "26236"};

Principal officer(Role role, std::vector<std::string> units) {
  return Principal{.subject = "officer", .role = role, .unit_codes = std::move(units)};
}

TEST(DuplicatesTest, AnOpenQuestionBlocksApprovalOnly) {
  try {
    require_no_open_duplicate(CandidacyEvent::kApprove, true, 41);
    FAIL() << "expected a refusal";
  } catch (const platform::Error& e) {
    EXPECT_EQ(e.code(), platform::ErrorCode::kFailedPrecondition);
    EXPECT_EQ(e.reason(), reason::kDuplicateOpen);
    EXPECT_EQ(e.subject(), "household/41");
    EXPECT_NE(std::string(e.what()).find("duplicate"), std::string::npos);
    EXPECT_NE(e.vietnamese().find("trùng lặp"), std::string::npos);
  }
  EXPECT_NO_THROW(require_no_open_duplicate(CandidacyEvent::kApprove, false, 41));
  EXPECT_NO_THROW(require_no_open_duplicate(CandidacyEvent::kReject, true, 41));
  EXPECT_NO_THROW(require_no_open_duplicate(CandidacyEvent::kReturn, true, 41));
}

TEST(DuplicatesTest, NotADuplicateMergesNothing) {
  const auto outcome = decide_pair(kPair, DuplicateVerdict::kNotDuplicate, 0);
  EXPECT_EQ(outcome.keep, 0);
  EXPECT_EQ(outcome.merged, 0);
}

TEST(DuplicatesTest, ADuplicateKeepsTheFirstHouseholdUnlessToldOtherwise) {
  auto outcome = decide_pair(kPair, DuplicateVerdict::kDuplicate, 0);
  EXPECT_EQ(outcome.keep, 41);
  EXPECT_EQ(outcome.merged, 97);
  outcome = decide_pair(kPair, DuplicateVerdict::kDuplicate, 97);
  EXPECT_EQ(outcome.keep, 97);
  EXPECT_EQ(outcome.merged, 41);
}

TEST(DuplicatesTest, TheKeptHouseholdIsOneOfThePair) {
  try {
    decide_pair(kPair, DuplicateVerdict::kDuplicate, 12);
    FAIL() << "expected a refusal";
  } catch (const platform::Error& e) {
    EXPECT_EQ(e.code(), platform::ErrorCode::kInvalidArgument);
    EXPECT_EQ(e.field(), "keep_household_id");
  }
}

TEST(DuplicatesTest, APairIsDecidedOnce) {
  auto decided = kPair;
  decided.decided_by = "cb-huyen";
  for (auto verdict : {DuplicateVerdict::kDuplicate, DuplicateVerdict::kNotDuplicate}) {
    try {
      decide_pair(decided, verdict, 0);
      FAIL() << "expected a refusal";
    } catch (const platform::Error& e) {
      EXPECT_EQ(e.code(), platform::ErrorCode::kFailedPrecondition);
      EXPECT_EQ(e.reason(), reason::kAlreadyDecided);
      EXPECT_NE(std::string(e.what()).find("cb-huyen"), std::string::npos);
    }
  }
}

TEST(DuplicatesTest, AMergedHouseholdIsNeitherMergedAgainNorATarget) {
  for (bool first : {true, false}) {
    auto pair = kPair;
    (first ? pair.household_merged : pair.other_merged) = true;
    for (std::int64_t keep : {std::int64_t{41}, std::int64_t{97}}) {
      try {
        decide_pair(pair, DuplicateVerdict::kDuplicate, keep);
        FAIL() << "expected a refusal";
      } catch (const platform::Error& e) {
        EXPECT_EQ(e.code(), platform::ErrorCode::kFailedPrecondition);
        EXPECT_EQ(e.reason(), reason::kHouseholdAlreadyMerged);
      }
    }
    // "Not a duplicate" merges nothing, so it may still be said.
    EXPECT_EQ(decide_pair(pair, DuplicateVerdict::kNotDuplicate, 0).merged, 0);
  }
}

TEST(DuplicatesTest, OnlyAnOfficerCoveringBothCommunesDecides) {
  EXPECT_NO_THROW(require_covers_pair(officer(Role::kDistrictOffice, {"736"}), tree(), kPair));
  try {
    require_covers_pair(officer(Role::kCommuneOfficer, {"26242"}), tree(), kPair);
    FAIL() << "expected a refusal";
  } catch (const platform::Error& e) {
    EXPECT_EQ(e.code(), platform::ErrorCode::kPermissionDenied);
    EXPECT_EQ(e.reason(), platform::reason::kNotInScope);
  }
}

TEST(DuplicatesTest, EachSideSeesThePair) {
  EXPECT_TRUE(may_see_pair(officer(Role::kCommuneOfficer, {"26242"}), tree(), kPair));
  EXPECT_TRUE(may_see_pair(officer(Role::kCommuneOfficer, {"26236"}), tree(), kPair));
  EXPECT_TRUE(may_see_pair(officer(Role::kDistrictOffice, {"736"}), tree(), kPair));
  EXPECT_FALSE(may_see_pair(officer(Role::kCommuneOfficer, {"26221"}), tree(), kPair));
}

}  // namespace
}  // namespace vnn::household_review::rules
