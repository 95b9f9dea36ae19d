#pragma once
// A fund account's bank statement, streamed as CSV (docs/import-formats.md): each transfer is
// matched by its bank reference against the donations recorded; the lines no donation matches
// are listed for follow-up. It writes nothing.

#include <cstdint>
#include <vector>

#include "import_target.h"
#include "vnn/platform/import/csv_stream.h"

namespace vnn::donation {

class StatementImport final : public platform::import::CsvImporter {
 public:
  StatementImport(platform::rpc::CallContext& call, std::int64_t max_amount, ImportTarget target,
                  v1::ImportReport* report);

  platform::text::CsvImport& frame() override { return frame_; }
  void finish() override;

 private:
  void row(const platform::text::CsvRecord& record, const platform::text::RowProblem* problem);
  void reject(const platform::text::RowProblem& problem);
  void flush();

  platform::rpc::CallContext& call_;
  std::int64_t max_amount_;
  ImportTarget target_;
  v1::ImportReport* report_;
  std::vector<v1::UnmatchedLine> lines_;
  platform::text::CsvImport frame_;  // last: its rows reach the members above
};

}  // namespace vnn::donation
