#include "vnn/platform/import/csv_stream.h"

#include <gtest/gtest.h>

namespace vnn::platform::import {
namespace {

TEST(CsvStreamTest, AReportListsProblemsUpToTheCapWithEveryField) {
  google::protobuf::RepeatedPtrField<common::v1::RowProblem> problems;
  for (int line = 2; line < 10; ++line) {
    list_problem(problems, {line, "amount_dong", "invalid_value", "is not a number"}, 3);
  }
  ASSERT_EQ(problems.size(), 3);
  EXPECT_EQ(problems[0].line(), 2);
  EXPECT_EQ(problems[2].line(), 4);
  EXPECT_EQ(problems[0].field(), "amount_dong");
  EXPECT_EQ(problems[0].code(), "invalid_value");
  EXPECT_EQ(problems[0].reason(), "is not a number");
}

}  // namespace
}  // namespace vnn::platform::import
