// One member organisation per approved household; reassigning needs a reason.

#include "rules/assignment.h"

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "vnn/platform/errors.h"

namespace vnn::household_review::rules {
namespace {

std::string reason_of(const std::function<void()>& call) {
  try {
    call();
  } catch (const platform::Error& e) {
    return e.reason();
  }
  return "";
}

TEST(AssignmentTest, AnApprovedHouseholdIsAssigned) {
  EXPECT_NO_THROW(require_assignable(CandidacyState::kApproved, "", "hoi-phu-nu", ""));
}

TEST(AssignmentTest, OnlyAnApprovedHouseholdIsAssigned) {
  for (auto state : kCandidacyStates) {
    if (state == CandidacyState::kApproved) continue;
    EXPECT_EQ(reason_of([&] { require_assignable(state, "", "hoi-phu-nu", ""); }),
              reason::kNotApproved)
        << word_of(state);
  }
  EXPECT_EQ(reason_of([] { require_assignable(std::nullopt, "", "hoi-phu-nu", ""); }),
            reason::kNotSubmitted);
}

TEST(AssignmentTest, TheSameOrganisationIsNotAssignedTwice) {
  EXPECT_EQ(reason_of([] {
              require_assignable(CandidacyState::kApproved, "hoi-phu-nu", "hoi-phu-nu", "lý do");
            }),
            reason::kAlreadyAssigned);
}

TEST(AssignmentTest, ReassigningNeedsAReason) {
  try {
    require_assignable(CandidacyState::kApproved, "hoi-phu-nu", "hoi-nong-dan", "  ");
    FAIL() << "expected a refusal";
  } catch (const platform::Error& e) {
    EXPECT_EQ(e.code(), platform::ErrorCode::kInvalidArgument);
    EXPECT_EQ(e.field(), "reason");
  }
  EXPECT_NO_THROW(require_assignable(CandidacyState::kApproved, "hoi-phu-nu", "hoi-nong-dan",
                                     "Hội Nông dân nhận đỡ đầu"));
}

TEST(AssignmentTest, OrganisationIdsAreShortPlainWords) {
  EXPECT_NO_THROW(require_organisation_id("hoi-phu-nu.dinh_quan"));
  for (const std::string& bad : std::vector<std::string>{"", "hội", "a b", std::string(65, 'a')}) {
    EXPECT_THROW(require_organisation_id(bad), platform::Error) << bad;
  }
  EXPECT_NO_THROW(require_organisation_id(std::string(64, 'a')));
}

}  // namespace
}  // namespace vnn::household_review::rules
