// The day a district office received a list or report, as entered: kept from the campaign's
// first day to today, today when not entered, refused on its field otherwise.
#include "vnn/platform/received_day.h"

#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "vnn/platform/errors.h"

namespace vnn::platform {
namespace {

std::string invalid_field_of(const std::function<void()>& call) {
  try {
    call();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kInvalidArgument) << e.what();
    EXPECT_NE(e.vietnamese().find("«received_on»"), std::string::npos) << e.vietnamese();
    return e.field();
  }
  return "";
}

TEST(ReceivedDay, UnsetIsTodayAndAnyDayFromTheCampaignsStartToTodayIsKept) {
  const Date starts{2024, 2, 3};
  const Date today{2026, 12, 8};
  EXPECT_EQ(received_day(std::nullopt, starts, today), today);
  // Entered today, long after the deadline, a list received before it keeps its day.
  EXPECT_EQ(received_day(Date{2024, 2, 20}, starts, today), (Date{2024, 2, 20}));
  EXPECT_EQ(received_day(starts, starts, today), starts);
  EXPECT_EQ(received_day(today, starts, today), today);
}

TEST(ReceivedDay, NoDayAFutureDayOrOneBeforeTheCampaignIsRefusedOnTheField) {
  const Date starts{2024, 2, 3};
  const Date today{2024, 5, 20};
  EXPECT_EQ(invalid_field_of([&] {
              received_day(Date{2024, 2, 30}, starts, today);
            }),
            "received_on");
  EXPECT_EQ(invalid_field_of([&] {
              received_day(Date{2024, 13, 1}, starts, today);
            }),
            "received_on");
  EXPECT_EQ(invalid_field_of([&] { received_day(today.next_day(), starts, today); }),
            "received_on");
  EXPECT_EQ(invalid_field_of([&] {
              received_day(Date{2024, 2, 2}, starts, today);
            }),
            "received_on");
}

}  // namespace
}  // namespace vnn::platform
