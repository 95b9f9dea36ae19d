#pragma once
// One batch of a payroll list written in one transaction: rows already recorded (by their
// natural key) skipped, then receipts, donors, donations and their events for the rest with one
// statement per table.

#include <cstdint>
#include <pqxx/pqxx>
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

PayrollBatchResult write_payroll_batch(pqxx::transaction_base& tx,
                                       const platform::events::OutboxWriter& outbox,
                                       const PayrollList& list,
                                       const std::vector<PayrollRow>& rows);

}  // namespace vnn::donation
