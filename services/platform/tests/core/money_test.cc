#include "vnn/platform/money.h"

#include <gtest/gtest.h>

#include <limits>

#include "vnn/platform/errors.h"

namespace vnn::platform::money {
namespace {

constexpr Dong kMax = std::numeric_limits<Dong>::max();
constexpr Dong kMin = std::numeric_limits<Dong>::min();

TEST(Money, AddsWhatFitsAndRefusesWhatWouldWrap) {
  EXPECT_EQ(checked_add(60'000'000, 30'000'000), 90'000'000);
  EXPECT_EQ(checked_add(kMax, 0), kMax);
  EXPECT_EQ(checked_add(kMax, 1), std::nullopt);
  EXPECT_EQ(checked_subtract(kMin, 1), std::nullopt);
  EXPECT_EQ(checked_subtract(0, 30'000), -30'000);
}

TEST(Money, AddNamesTheFieldWhenTheTotalDoesNotFit) {
  try {
    add(kMax, 1, "lines[3].amount.dong");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ(e.field(), "lines[3].amount.dong");
  }
}

TEST(Money, RequirePositiveKeepsAmountsBetweenOneDongAndTheMaximum) {
  EXPECT_NO_THROW(require_positive(1, 100, "amount.dong"));
  EXPECT_NO_THROW(require_positive(100, 100, "amount.dong"));
  EXPECT_THROW(require_positive(0, 100, "amount.dong"), Error);
  EXPECT_THROW(require_positive(-5, 100, "amount.dong"), Error);
  EXPECT_THROW(require_positive(101, 100, "amount.dong"), Error);
}

TEST(Money, FormatsTheVietnameseWay) {
  EXPECT_EQ(format_vietnamese(0), "0 đ");
  EXPECT_EQ(format_vietnamese(999), "999 đ");
  EXPECT_EQ(format_vietnamese(1000), "1.000 đ");
  EXPECT_EQ(format_vietnamese(60'000'000), "60.000.000 đ");
  EXPECT_EQ(format_vietnamese(-1'500'000), "-1.500.000 đ");
  EXPECT_EQ(format_vietnamese(kMin), "-9.223.372.036.854.775.808 đ");
}

}  // namespace
}  // namespace vnn::platform::money
