#include "receipt_numbers.h"

#include <memory>

#include "rules/receipts.h"
#include "vnn/platform/db/after_commit.h"

namespace vnn::donation {

std::int64_t take_block_numbers(pqxx::transaction_base& tx, ReceiptSequence::Block& block,
                                const std::string& fund_id, int year, std::int64_t count) {
  block.wait_for_turn();
  const auto last = tx.exec_prepared1("receipt_block", fund_id, year, count)[0].as<std::int64_t>();
  const std::int64_t first = rules::ReceiptBlock::ending_at(last, count).first;
  block.locked(first);
  return first;
}

std::int64_t take_receipt_numbers(pqxx::transaction_base& tx, ReceiptSequence& sequence,
                                  const std::string& fund_id, int year, std::int64_t count) {
  std::shared_ptr<ReceiptSequence::Block> block =
      sequence.reserve(fund_id, year, count, /*predict=*/false);
  const std::int64_t first = take_block_numbers(tx, *block, fund_id, year, count);
  // Told only on commit; a rollback drops the action, and with it the block, which then
  // counts as rolled back.
  platform::db::after_commit([block] { block->ended(true); });
  return first;
}

}  // namespace vnn::donation
