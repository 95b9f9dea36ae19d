#pragma once
// Receipt numbers are gapless: each fund numbers its receipts 1, 2, 3, … per year, with no
// number skipped and none used twice. Where that is kept:
//   - the counter row (fund, year) in receipt_counter is the only source of numbers; a path
//     takes a block from it ("receipt_block", receipt_numbers.h) or, in RecordDonation's group
//     commit, predicts the block and moves the counter last ("receipt_counter_continue",
//     donation_intake.cc). Either way the block is taken in the transaction that writes its
//     donations, so a rollback gives the whole block back;
//   - only accepted donations take a number: a batch's calls are checked before the block is
//     reserved, and a reversal takes none;
//   - the unique index donation_receipt (migrations/0002) refuses a number used twice; the
//     batch write skips such a row instead of failing, and a batch whose predicted block was
//     not written whole runs again from the counter (check_block_written below);
//   - ReceiptSequence (receipt_sequence.h) makes the prediction right nearly always and orders
//     the blocks of one counter.
// This file holds the arithmetic of blocks; it is pure so that it can be tested alone.

#include <cstdint>
#include <string>

namespace vnn::donation::rules {

struct ReceiptRef {
  std::string fund_id;
  int year = 0;
  std::int64_t number = 0;

  // "fund/2024/17", as the audit trail records it.
  std::string text() const;
};

// A block of `count` numbers starting at `first`.
struct ReceiptBlock {
  std::int64_t first = 0;
  std::int64_t count = 0;

  std::int64_t last() const { return first + count - 1; }
  // The block a counter moved by `count` to `last` gave.
  static ReceiptBlock ending_at(std::int64_t last, std::int64_t count) {
    return {last - count + 1, count};
  }
  // A predicted block continues the counter from `first - 1` and leaves it at `last()`.
  std::int64_t counter_before() const { return first - 1; }
};

enum class BlockWritten {
  kWhole,             // every call's donation was written with its number
  kRetryFromCounter,  // a predicted number was taken meanwhile: run the batch again
};

// After the batch write of `count` donations, `written` of which were inserted (a row whose
// receipt number is taken is skipped). Throws INTERNAL for a block taken from the locked
// counter that was not written whole: no one else can have used its numbers.
BlockWritten check_block_written(bool predicted, std::int64_t written, std::int64_t count);

}  // namespace vnn::donation::rules
