#pragma once
// One batch of a payroll list written in one transaction: rows already recorded (by their
// natural key) skipped, then receipts, donors, donations and their events for the rest with one
// statement per table.

#include <cstdint>
#include <functional>
#include <optional>
#include <pqxx/pqxx>
#include <stdexcept>
#include <string>
#include <vector>

#include "vnn/donation/v1/donation.pb.h"
#include "vnn/platform/date.h"
#include "vnn/platform/events/outbox.h"

namespace vnn::donation {

struct PayrollRow {
  std::int64_t line;
  std::string name, hash, mask, note, key;  // hash, mask: of the citizen id, empty if none
  std::int64_t amount;
};

// What every row of one list shares.
struct PayrollList {
  v1::ImportHeader header;
  std::string unit_code;
  platform::Date received_on;
  std::string recorded_by;
};

struct PayrollBatchResult {
  std::int64_t recorded = 0, already_recorded = 0, recorded_dong = 0;
  std::int64_t first_receipt = 0, last_receipt = 0;  // 0 when nothing was recorded
};

// How a batch numbers its receipts. Without `previous_last` it takes the next block from the
// fund's counter before it inserts its donations, and keeps the counter locked until it
// commits. With it (where the list's previous batch, still being written, ends its numbers),
// it inserts its donations numbered from there first, so two batches write at once, and then,
// once that batch has committed, moves the counter on only if it stands at `previous_last`;
// otherwise it throws ReceiptsMispredicted and nothing of it is kept (its numbers
// would leave a gap or meet another's), and the caller writes it again without a prediction.
struct ReceiptNumbering {
  std::function<std::optional<std::int64_t>()> previous_last;  // asked once, when needed
  std::function<void(std::int64_t last)> numbered;  // told this batch's last number, early
  // Waits (a while) for the previous batch to commit or fail; false if it has not by then.
  std::function<bool()> previous_finished;
};

struct ReceiptsMispredicted : std::runtime_error {
  ReceiptsMispredicted() : std::runtime_error("receipt numbers taken meanwhile") {}
};

PayrollBatchResult write_payroll_batch(pqxx::transaction_base& tx,
                                       const platform::events::OutboxWriter& outbox,
                                       const PayrollList& list, const std::vector<PayrollRow>& rows,
                                       const ReceiptNumbering& numbering);

}  // namespace vnn::donation
