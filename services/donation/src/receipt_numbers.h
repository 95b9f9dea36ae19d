#pragma once
// Receipt numbers taken from a fund's counter itself, by the paths that commit a donation on
// their own (a pledge's, direct support, a payroll list's). Their transaction locks the counter
// row until it commits, so it must take its turn with the blocks RecordDonation's batches have
// predicted (rules/receipt_sequence.h; the whole rule is in rules/receipts.h): a batch that has
// written the numbers after the counter and is about to move it would otherwise meet this
// transaction writing the same numbers, each waiting for the other's row. Taking its turn, the
// transaction's numbers come after theirs.

#include <cstdint>
#include <pqxx/pqxx>
#include <string>

#include "rules/receipt_sequence.h"

namespace vnn::donation {

// Moves the counter by `count` for `block`, once it is the block's turn, and returns the first
// of the numbers taken; the counter row stays locked until the transaction ends.
std::int64_t take_block_numbers(pqxx::transaction_base& tx, ReceiptSequence::Block& block,
                                const std::string& fund_id, int year, std::int64_t count);

// A block of its own, taken as above and ended when the transaction commits.
std::int64_t take_receipt_numbers(pqxx::transaction_base& tx, ReceiptSequence& sequence,
                                  const std::string& fund_id, int year, std::int64_t count);

}  // namespace vnn::donation
