#include "rules/receipt_sequence.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

namespace vnn::donation {
namespace {

// A first block of fund-a's 2024 counter that took numbers 1..count and committed.
void commit_first_block(ReceiptSequence& sequence, std::int64_t count) {
  auto block = sequence.reserve("fund-a", 2024, count);
  block->locked(1);
  block->ended(true);
}

TEST(ReceiptSequence, TheFirstBlockTakesItsNumbersFromTheCounterAndTheNextContinuesIt) {
  ReceiptSequence sequence;
  auto first = sequence.reserve("fund-a", 2024, 5);
  EXPECT_FALSE(first->predicted_first());
  // Reserved while the first has not yet learnt where the counter stands: nothing to go on.
  auto second = sequence.reserve("fund-a", 2024, 3);
  EXPECT_FALSE(second->predicted_first());
  first->locked(11);  // the counter gave 11..15
  second->locked(16);
  auto third = sequence.reserve("fund-a", 2024, 2);
  ASSERT_TRUE(third->predicted_first());
  EXPECT_EQ(*third->predicted_first(), 19);
  auto fourth = sequence.reserve("fund-a", 2024, 4);
  EXPECT_EQ(fourth->predicted_first().value_or(0), 21);
}

TEST(ReceiptSequence, CountersOfOtherFundsAndYearsAreApart) {
  ReceiptSequence sequence;
  commit_first_block(sequence, 5);
  EXPECT_TRUE(sequence.reserve("fund-a", 2024, 1)->predicted_first());
  EXPECT_FALSE(sequence.reserve("fund-a", 2025, 1)->predicted_first());
  EXPECT_FALSE(sequence.reserve("fund-b", 2024, 1)->predicted_first());
}

TEST(ReceiptSequence, ARolledBackBlockMakesTheNextLearnTheCounterAfresh) {
  ReceiptSequence sequence;
  commit_first_block(sequence, 5);
  auto failing = sequence.reserve("fund-a", 2024, 2);
  EXPECT_EQ(failing->predicted_first().value_or(0), 6);
  failing.reset();  // destroyed without being told it committed: rolled back
  EXPECT_FALSE(sequence.reserve("fund-a", 2024, 1)->predicted_first());
}

TEST(ReceiptSequence, ABlockWaitsForTheBlocksBeforeItToLockTheCounter) {
  ReceiptSequence sequence;
  commit_first_block(sequence, 1);
  auto earlier = sequence.reserve("fund-a", 2024, 1);
  auto later = sequence.reserve("fund-a", 2024, 1);
  std::atomic<bool> later_through{false};
  std::thread waiter([&] {
    later->wait_for_turn();
    later_through = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_FALSE(later_through);
  earlier->wait_for_turn();  // its turn at once: nothing before it
  earlier->locked(2);
  waiter.join();
  EXPECT_TRUE(later_through);
}

TEST(ReceiptSequence, ABlockEndingBeforeTheCounterPassesItsTurnOn) {
  ReceiptSequence sequence;
  auto earlier = sequence.reserve("fund-a", 2024, 1);
  auto later = sequence.reserve("fund-a", 2024, 1);
  std::thread waiter([&] { later->wait_for_turn(); });
  earlier->ended(false);
  const auto started = std::chrono::steady_clock::now();
  waiter.join();
  EXPECT_LT(std::chrono::steady_clock::now() - started, ReceiptSequence::kTurnTimeout);
}

TEST(ReceiptSequence, AStuckBlockHoldsTheNextOnlyUntilTheTimeout) {
  ReceiptSequence sequence;
  auto stuck = sequence.reserve("fund-a", 2024, 1);
  auto later = sequence.reserve("fund-a", 2024, 1);
  const auto started = std::chrono::steady_clock::now();
  later->wait_for_turn();
  const auto waited = std::chrono::steady_clock::now() - started;
  EXPECT_GE(waited, ReceiptSequence::kTurnTimeout - std::chrono::milliseconds(5));
  EXPECT_LT(waited, ReceiptSequence::kTurnTimeout * 3);
}

}  // namespace
}  // namespace vnn::donation
