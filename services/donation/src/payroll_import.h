#pragma once
// An agency's payroll list, streamed as CSV (docs/import-formats.md). Its good rows go, a batch
// at a time, to a thread that writes them as lines of one donation in one transaction (one
// statement per batch) while this one reads and checks the next batch; a list that fails
// anywhere — a limit broken, the stream cut off — leaves nothing of it.

#include <cstdint>
#include <future>
#include <semaphore>
#include <unordered_map>
#include <vector>

#include "donor_registry.h"
#include "import_batch_queue.h"
#include "import_target.h"
#include "payroll_list.h"
#include "rules/receipt_sequence.h"
#include "vnn/platform/import/csv_stream.h"

namespace vnn::donation {

class PayrollImport final : public platform::import::CsvImporter {
 public:
  // `writers` bounds the lists being written at once (each holds a pool connection).
  PayrollImport(platform::rpc::CallContext& call, const DonorRegistry& donors,
                std::int64_t max_amount, ImportTarget target, std::counting_semaphore<>& writers,
                ReceiptSequence& receipts, v1::ImportReport* report);
  // An import that failed before its end: the writer rolls back, and is waited for.
  ~PayrollImport() override;

  platform::text::CsvImport& frame() override { return frame_; }
  void finish() override;

 private:
  void row(const platform::text::CsvRecord& record, const platform::text::RowProblem* problem);
  void reject(const platform::text::RowProblem& problem);
  void flush();
  PayrollListResult write_list();
  void report_written(const PayrollListResult& written);

  platform::rpc::CallContext& call_;
  const DonorRegistry& donors_;
  std::int64_t max_amount_;
  ImportTarget target_;
  std::counting_semaphore<>& writers_;
  bool holds_writer_ = false;
  ReceiptSequence& receipts_;
  v1::ImportReport* report_;
  PayrollList list_;
  std::vector<PayrollRow> rows_;
  // Rows seen so far by the first 64 bits of their key; a collision only numbers a row as a
  // later occurrence, which is still a key of its own. Bounded by the import's row limit.
  std::unordered_map<std::uint64_t, int> occurrences_;
  ImportBatchQueue<PayrollRow> queue_;
  std::future<PayrollListResult> writer_;  // started with the first batch
  platform::text::CsvImport frame_;        // last: its rows reach the members above
};

}  // namespace vnn::donation
