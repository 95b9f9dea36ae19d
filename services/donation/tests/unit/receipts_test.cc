#include "rules/receipts.h"

#include <gtest/gtest.h>

#include "refusal.h"

namespace vnn::donation::rules {
namespace {

TEST(Receipts, AReceiptIsWrittenFundYearNumber) {
  EXPECT_EQ((ReceiptRef{"fund-736", 2024, 17}.text()), "fund-736/2024/17");
}

TEST(Receipts, ABlockTakenFromTheCounterEndsWhereTheCounterNowStands) {
  const auto block = ReceiptBlock::ending_at(15, 5);
  EXPECT_EQ(block.first, 11);
  EXPECT_EQ(block.last(), 15);
  EXPECT_EQ(ReceiptBlock::ending_at(1, 1).first, 1);
}

TEST(Receipts, APredictedBlockMovesTheCounterFromJustBeforeItToItsLast) {
  const ReceiptBlock block{16, 3};
  EXPECT_EQ(block.counter_before(), 15);
  EXPECT_EQ(block.last(), 18);
}

TEST(Receipts, ABatchWrittenWholeIsDone) {
  EXPECT_EQ(check_block_written(true, 4, 4), BlockWritten::kWhole);
  EXPECT_EQ(check_block_written(false, 4, 4), BlockWritten::kWhole);
}

TEST(Receipts, APredictedBlockNotWrittenWholeRunsAgainFromTheCounter) {
  EXPECT_EQ(check_block_written(true, 3, 4), BlockWritten::kRetryFromCounter);
  EXPECT_EQ(check_block_written(true, 0, 4), BlockWritten::kRetryFromCounter);
}

TEST(Receipts, ABlockFromTheLockedCounterNotWrittenWholeIsABug) {
  const auto refusal = refusal_of([] { check_block_written(false, 3, 4); });
  ASSERT_TRUE(refusal);
  EXPECT_EQ(refusal->code, platform::ErrorCode::kInternal);
}

}  // namespace
}  // namespace vnn::donation::rules
