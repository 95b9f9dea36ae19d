// Maker–checker: whoever put a household forward does not decide on it.

#include "rules/maker_checker.h"

#include <gtest/gtest.h>

#include "vnn/platform/errors.h"

namespace vnn::household_review::rules {
namespace {

const WhoPutForward kMakers{.candidacy_submitter = "can-bo-xa-2",
                            .submission_submitter = "can-bo-xa-1"};

TEST(MakerCheckerTest, AnotherOfficerMayReview) {
  EXPECT_NO_THROW(require_other_officer("can-bo-huyen", kMakers));
}

TEST(MakerCheckerTest, TheOfficerWhoSubmittedTheListMayNotReview) {
  try {
    require_other_officer("can-bo-xa-1", kMakers);
    FAIL() << "expected a refusal";
  } catch (const platform::Error& e) {
    EXPECT_EQ(e.code(), platform::ErrorCode::kPermissionDenied);
    EXPECT_EQ(e.reason(), platform::reason::kSameOfficer);
    EXPECT_NE(std::string(e.what()).find("submitted"), std::string::npos);
    EXPECT_NE(e.vietnamese().find("không được tự xét duyệt"), std::string::npos);
  }
}

TEST(MakerCheckerTest, TheOfficerWhoResubmittedTheHouseholdMayNotReview) {
  EXPECT_THROW(require_other_officer("can-bo-xa-2", kMakers), platform::Error);
}

TEST(MakerCheckerTest, SubjectsAreComparedExactly) {
  EXPECT_NO_THROW(require_other_officer("Can-Bo-Xa-1", kMakers));
  EXPECT_NO_THROW(require_other_officer("can-bo-xa", kMakers));
}

}  // namespace
}  // namespace vnn::household_review::rules
