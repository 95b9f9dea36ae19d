#pragma once
// The frame every CSV import shares, whatever its format: the header on line 1 (after an
// optional UTF-8 BOM) with the format's columns in order, blank lines skipped, each data row
// counted and checked for its field count and for text every field must pass, and limits on
// the rows and bytes of one import. The importer gets each data row with the frame's problem,
// if any, and reads the columns of the rows that pass.
//
// Limits: a field too long, a record with too many fields or a quote never closed is refused
// by the reader (INVALID_ARGUMENT, kCsv… reasons, csv_reader.h); more rows or bytes than the
// import allows ends it with RESOURCE_EXHAUSTED (kImportTooManyRows, kImportTooLarge). Either
// way the import fails as a whole: its caller rolls back what it had not committed.

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "vnn/platform/text/csv_reader.h"

namespace vnn::platform::text {

// Reason codes of the RESOURCE_EXHAUSTED errors that end an import.
inline constexpr const char* kImportTooManyRows = "IMPORT_TOO_MANY_ROWS";
inline constexpr const char* kImportTooLarge = "IMPORT_TOO_LARGE";

struct ImportLimits {
  CsvLimits csv;
  std::int64_t max_rows = 1'000'000;        // data rows, blank lines not counted
  std::int64_t max_bytes = 256LL << 20;     // of CSV, the header included
  std::int64_t max_problems_listed = 1000;  // more are counted, not listed
};

// One row's problem, as reported to the importer's caller (vnn.common.v1.RowProblem).
struct RowProblem {
  std::int64_t line = 0;
  std::string field;   // the column, empty for the whole row
  std::string code;    // row_problem_codes.h
  std::string reason;  // English
};

struct CsvFormat {
  std::vector<std::string> columns;   // line 1, in this order
  std::size_t max_field_chars = 500;  // every field, before the importer's own checks
};

class CsvImport {
 public:
  // A data row and, when the frame refused it (malformed quoting, wrong field count, a field
  // failing the text check), why; then `record.fields` may not have the format's columns.
  using RowSink = std::function<void(const CsvRecord& record, const RowProblem* problem)>;

  CsvImport(CsvFormat format, ImportLimits limits, RowSink sink);

  // Throws platform::Error when the header is wrong or a limit is broken.
  void feed(std::string_view bytes);
  void finish();

  std::int64_t rows() const { return rows_; }
  const ImportLimits& limits() const { return limits_; }

 private:
  void record(const CsvRecord& record);
  void check_header(const CsvRecord& record) const;

  CsvFormat format_;
  ImportLimits limits_;
  RowSink sink_;
  CsvReader reader_;
  std::int64_t rows_ = 0;
  std::int64_t bytes_ = 0;
  bool header_seen_ = false;
};

}  // namespace vnn::platform::text
