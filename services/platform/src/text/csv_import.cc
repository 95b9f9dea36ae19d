#include "vnn/platform/text/csv_import.h"

#include "vnn/platform/errors.h"
#include "vnn/platform/text/row_problem_codes.h"
#include "vnn/platform/text/text.h"

namespace vnn::platform::text {

CsvImport::CsvImport(CsvFormat format, ImportLimits limits, RowSink sink)
    : format_(std::move(format)),
      limits_(limits),
      sink_(std::move(sink)),
      reader_([this](const CsvRecord& r) { record(r); }, limits.csv) {}

void CsvImport::feed(std::string_view bytes) {
  bytes_ += static_cast<std::int64_t>(bytes.size());
  if (bytes_ > limits_.max_bytes) {
    const auto limit = std::to_string(limits_.max_bytes);
    throw resource_exhausted("the import is larger than " + limit +
                             " bytes; split it into several imports")
        .with_reason(kImportTooLarge)
        .with_vietnamese("Tệp nhập lớn quá " + limit + " byte; hãy chia thành nhiều lần nhập")
        .with_metadata("max_bytes", limit);
  }
  reader_.feed(bytes);
}

void CsvImport::finish() { reader_.finish(); }

void CsvImport::check_header(const CsvRecord& record) const {
  auto fields = record.fields;
  if (!fields.empty() && fields[0].starts_with("\xEF\xBB\xBF")) fields[0].erase(0, 3);  // BOM
  if (fields == format_.columns) return;
  std::string expected;
  for (const auto& c : format_.columns) expected += (expected.empty() ? "" : ",") + c;
  throw invalid_argument("csv", "line 1 must be the header " + expected,
                         "dòng 1 phải là dòng tiêu đề " + expected);
}

void CsvImport::record(const CsvRecord& record) {
  if (!header_seen_) {
    header_seen_ = true;
    return check_header(record);
  }
  if (record.fields.size() == 1 && record.fields[0].empty() && !record.malformed) return;  // blank
  if (++rows_ > limits_.max_rows) {
    const auto limit = std::to_string(limits_.max_rows);
    throw resource_exhausted("the import has more than " + limit +
                             " rows; split it into several imports")
        .with_reason(kImportTooManyRows)
        .with_vietnamese("Tệp nhập có quá " + limit + " dòng; hãy chia thành nhiều lần nhập")
        .with_metadata("max_rows", limit);
  }
  if (record.malformed) {
    const RowProblem problem{record.line, "", kMalformedRow, "malformed quoting"};
    return sink_(record, &problem);
  }
  const auto& columns = format_.columns;
  if (record.fields.size() != columns.size()) {
    const RowProblem problem{record.line, "", kWrongFieldCount,
                             "expected " + std::to_string(columns.size()) + " fields, got " +
                                 std::to_string(record.fields.size())};
    return sink_(record, &problem);
  }
  for (std::size_t i = 0; i < columns.size(); ++i) {
    const auto text_problem = check_text(record.fields[i], format_.max_field_chars, false);
    if (text_problem != TextProblem::kNone) {
      const RowProblem problem{record.line, columns[i], text_problem_code(text_problem),
                               text_problem_reason(text_problem, format_.max_field_chars)};
      return sink_(record, &problem);
    }
  }
  sink_(record, nullptr);
}

}  // namespace vnn::platform::text
