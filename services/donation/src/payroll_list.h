#pragma once
// An agency's payroll list, written in one transaction: the rows not recorded before become
// lines of one donation (the agency's, mobilised by it, with one receipt), written last, when
// its amount is known. A list imported again finds its rows by their keys and records nothing.

#include <cstdint>
#include <pqxx/pqxx>
#include <set>
#include <string>
#include <vector>

#include "rules/receipt_sequence.h"
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
  std::string correlation_id;  // of the import call (the list is written on another thread)
};

struct PayrollListResult {
  std::int64_t recorded = 0, already_recorded = 0, recorded_dong = 0;
  std::int64_t donation_id = 0, receipt_number = 0;  // 0 when nothing was recorded
  std::set<std::int64_t> earlier_donations;          // holding rows of the list already (sampled)
};

class PayrollListWriter {
 public:
  // The list's receipt is taken in turn with RecordDonation's batches on `receipts`.
  PayrollListWriter(pqxx::transaction_base& tx, const PayrollList& list, ReceiptSequence& receipts);

  // Records the rows whose key is new as lines; the others count as already recorded.
  void add(const std::vector<PayrollRow>& rows);

  // The donation holding the lines added, its receipt and its donation.recorded event; nothing
  // when no line was new.
  PayrollListResult finish(const platform::events::OutboxWriter& outbox);

 private:
  pqxx::transaction_base& tx_;
  const PayrollList& list_;
  ReceiptSequence& receipts_;
  std::int64_t donation_id_;
  PayrollListResult result_;
};

}  // namespace vnn::donation
