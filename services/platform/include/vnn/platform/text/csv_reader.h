#pragma once
// Reads CSV (RFC 4180: commas, double quotes, "" inside quotes, CRLF or LF) from pieces of any
// size, yielding each record with its line number, so a file streamed in chunks never has to be
// held in memory whole. Limits on a field's bytes and a record's fields bound what one record
// can hold: a stream that breaks them (or opens a quote it never closes, which would otherwise
// buffer the rest of the stream as one field) is refused with the line where it happened.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace vnn::platform::text {

struct CsvLimits {
  std::size_t max_field_bytes = 8192;  // after unquoting; a typed field is far shorter
  std::size_t max_fields = 64;         // per record
};

// Reason codes of the errors CsvReader::feed() throws (INVALID_ARGUMENT on field "csv").
inline constexpr const char* kCsvFieldTooLong = "CSV_FIELD_TOO_LONG";
inline constexpr const char* kCsvTooManyFields = "CSV_TOO_MANY_FIELDS";
inline constexpr const char* kCsvUnclosedQuote = "CSV_UNCLOSED_QUOTE";

struct CsvRecord {
  std::int64_t line = 0;  // where the record starts, 1-based
  std::vector<std::string> fields;
  bool malformed = false;  // an unclosed quote at the very end, or text after a closing quote
};

class CsvReader {
 public:
  using Sink = std::function<void(const CsvRecord&)>;
  explicit CsvReader(Sink sink, CsvLimits limits = {}) : sink_(std::move(sink)), limits_(limits) {}

  // Throws platform::Error (INVALID_ARGUMENT, field "csv", a kCsv… reason, the line in the
  // message) when a limit is broken; the reader is then unusable.
  void feed(std::string_view bytes);
  // The end of the input: yields a last record without a line end.
  void finish();

 private:
  void add_to_field(char c);
  void end_field();
  void end_record();

  Sink sink_;
  CsvLimits limits_;
  CsvRecord record_;
  std::string field_;
  std::int64_t line_ = 1;
  std::int64_t quote_line_ = 0;  // where the open quote was opened
  bool in_quotes_ = false;
  bool after_quote_ = false;  // a closing quote was just read
  bool pending_cr_ = false;
  bool started_ = false;  // the current record has content
};

}  // namespace vnn::platform::text
