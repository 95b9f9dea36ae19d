#pragma once
// Reads CSV (RFC 4180: commas, double quotes, "" inside quotes, CRLF or LF) from pieces of any
// size, yielding each record with its line number, so a file streamed in chunks never has to be
// held in memory whole.

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace vnn::platform::text {

struct CsvRecord {
  std::int64_t line = 0;  // where the record starts, 1-based
  std::vector<std::string> fields;
  bool malformed = false;  // an unclosed quote or text after a closing quote
};

class CsvReader {
 public:
  using Sink = std::function<void(const CsvRecord&)>;
  explicit CsvReader(Sink sink) : sink_(std::move(sink)) {}

  void feed(std::string_view bytes);
  // The end of the input: yields a last record without a line end.
  void finish();

 private:
  void end_field();
  void end_record();

  Sink sink_;
  CsvRecord record_;
  std::string field_;
  std::int64_t line_ = 1;
  bool in_quotes_ = false;
  bool after_quote_ = false;  // a closing quote was just read
  bool pending_cr_ = false;
  bool started_ = false;  // the current record has content
};

}  // namespace vnn::platform::text
