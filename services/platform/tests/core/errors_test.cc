#include "vnn/platform/errors.h"

#include <gtest/gtest.h>

namespace vnn::platform {
namespace {

TEST(Errors, EveryCodeHasADefaultReasonAndVietnameseMessage) {
  const Error missing = not_found("campaign c-1 does not exist");
  EXPECT_EQ(missing.reason(), "NOT_FOUND");
  EXPECT_EQ(missing.vietnamese(), "Không tìm thấy đối tượng được yêu cầu.");
  EXPECT_EQ(permission_denied("role public may not call X").reason(), "ROLE_NOT_ALLOWED");
  EXPECT_EQ(Error(ErrorCode::kInternal, "boom").reason(), "INTERNAL");
}

TEST(Errors, InvalidArgumentNamesTheFieldInBothLanguages) {
  const Error plain = invalid_argument("amount.dong", "must be positive");
  EXPECT_EQ(plain.field(), "amount.dong");
  EXPECT_EQ(plain.reason(), "INVALID_FIELD");
  EXPECT_EQ(plain.vietnamese(), "Trường «amount.dong» không hợp lệ.");
  const Error told = invalid_argument("amount.dong", "must be positive", "phải lớn hơn 0");
  EXPECT_EQ(told.vietnamese(), "Trường «amount.dong»: phải lớn hơn 0");
  EXPECT_STREQ(told.what(), "amount.dong: must be positive");
}

TEST(Errors, AThrowerCanNameTheReasonSubjectAndFacts) {
  Error error = failed_precondition("the fund has 1.000 đ available")
                    .with_reason("FUND_SHORT")
                    .with_subject("fund/f-1")
                    .with_metadata("available_dong", "1000")
                    .with_vietnamese("Quỹ chỉ còn 1.000 đ");
  EXPECT_EQ(error.reason(), "FUND_SHORT");
  EXPECT_EQ(error.subject(), "fund/f-1");
  EXPECT_EQ(error.metadata().at("available_dong"), "1000");
  EXPECT_EQ(error.vietnamese(), "Quỹ chỉ còn 1.000 đ");
  EXPECT_EQ(not_in_scope("unit 73603").reason(), "NOT_IN_SCOPE");
  EXPECT_EQ(not_in_scope("unit 73603").code(), ErrorCode::kPermissionDenied);
}

}  // namespace
}  // namespace vnn::platform
