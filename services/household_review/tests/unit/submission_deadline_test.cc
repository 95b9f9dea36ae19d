// The household lists' deadline (24:00 Vietnam time of the due date), replacing a list, late
// lists and the district's override.

#include "rules/submission_deadline.h"

#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "vnn/platform/errors.h"

namespace vnn::household_review::rules {
namespace {

using namespace std::chrono;

// The seed plan's due date for household lists.
const platform::Date kDue{2024, 2, 22};

// A local time in Vietnam (UTC+7) on `date`.
Clock::time_point vietnam(const platform::Date& date, int hour, int minute) {
  const sys_days day{year{date.year} / date.month / date.day};
  return day + hours{hour} + minutes{minute} - hours{7};
}

std::string reason_of(const std::function<void()>& call) {
  try {
    call();
  } catch (const platform::Error& e) {
    EXPECT_EQ(e.code(), platform::ErrorCode::kFailedPrecondition) << e.what();
    EXPECT_FALSE(e.vietnamese().empty());
    return e.reason();
  }
  return "";
}

TEST(SubmissionDeadlineTest, ListsCloseAtMidnightVietnamTimeOfTheDueDate) {
  EXPECT_FALSE(lists_closed(kDue, vietnam(kDue, 0, 0)));
  EXPECT_FALSE(lists_closed(kDue, vietnam(kDue, 23, 59)));
  EXPECT_FALSE(lists_closed(kDue, vietnam(kDue, 24, 0) - seconds{1}));
  EXPECT_TRUE(lists_closed(kDue, vietnam(kDue, 24, 0)));
  EXPECT_TRUE(lists_closed(kDue, vietnam(kDue, 24, 1)));
  // 24:00 in Vietnam is 17:00 UTC of the due date, not midnight UTC.
  EXPECT_EQ(vietnam(kDue, 24, 0), kDue.end_in_vietnam());
  EXPECT_TRUE(lists_closed(kDue, sys_days{2024y / 2 / 22} + hours{17}));
}

TEST(SubmissionDeadlineTest, ACampaignWithoutADueDateNeverCloses) {
  EXPECT_FALSE(lists_closed(std::nullopt, vietnam({2099, 1, 1}, 0, 0)));
  const auto list = accept_list(std::nullopt, {.latest_version = 3}, vietnam({2099, 1, 1}, 0, 0));
  EXPECT_FALSE(list.late);
  EXPECT_EQ(list.version, 4);
}

TEST(SubmissionDeadlineTest, AFirstListIsVersionOneOnTimeUntilTheLastMinute) {
  const auto list = accept_list(kDue, {}, vietnam(kDue, 23, 59));
  EXPECT_EQ(list.version, 1);
  EXPECT_FALSE(list.late);
}

TEST(SubmissionDeadlineTest, AFirstListAfterTheDeadlineIsAcceptedAsLate) {
  const auto list = accept_list(kDue, {}, vietnam(kDue, 24, 0));
  EXPECT_EQ(list.version, 1);
  EXPECT_TRUE(list.late);
}

TEST(SubmissionDeadlineTest, BeforeTheDeadlineAListIsReplacedByTheNextVersion) {
  const auto list = accept_list(kDue, {.latest_version = 2}, vietnam(kDue, 23, 59));
  EXPECT_EQ(list.version, 3);
  EXPECT_FALSE(list.late);
}

TEST(SubmissionDeadlineTest, AfterTheDeadlineASentListIsNeverChanged) {
  EXPECT_EQ(reason_of([] { accept_list(kDue, {.latest_version = 1}, vietnam(kDue, 24, 0)); }),
            "DEADLINE_PASSED");
  try {
    accept_list(kDue, {.latest_version = 1}, vietnam(kDue, 24, 0));
  } catch (const platform::Error& e) {
    EXPECT_NE(std::string(e.what()).find("22/02/2024"), std::string::npos) << e.what();
    EXPECT_NE(e.vietnamese().find("22/02/2024"), std::string::npos) << e.vietnamese();
  }
}

TEST(SubmissionDeadlineTest, OnceTheDistrictReviewedAHouseholdTheListIsNotReplaced) {
  EXPECT_EQ(reason_of([] {
              accept_list(kDue, {.latest_version = 1, .district_reviewed_any = true},
                          vietnam(kDue, 9, 0));
            }),
            reason::kListAlreadyReviewed);
}

TEST(SubmissionDeadlineTest, ALateListIsReviewedOnlyOnceADistrictOfficerLetsItThrough) {
  EXPECT_EQ(reason_of([] { require_reviewable({.late = true}); }), reason::kLateNotOverridden);
  EXPECT_NO_THROW(require_reviewable({.late = true, .override_by = "pho-chu-tich"}));
  EXPECT_NO_THROW(require_reviewable({.late = false}));
}

TEST(SubmissionDeadlineTest, OnlyALateListIsLetThroughAndOnlyOnce) {
  EXPECT_NO_THROW(require_overridable({.late = true}));
  EXPECT_EQ(reason_of([] { require_overridable({.late = false}); }), reason::kNotLate);
  EXPECT_EQ(reason_of([] { require_overridable({.late = true, .override_by = "pho-chu-tich"}); }),
            reason::kAlreadyOverridden);
}

}  // namespace
}  // namespace vnn::household_review::rules
