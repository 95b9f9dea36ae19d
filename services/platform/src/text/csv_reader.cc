#include "vnn/platform/text/csv_reader.h"

#include "vnn/platform/errors.h"

namespace vnn::platform::text {
namespace {

Error csv_refused(const char* reason, const std::string& english, const std::string& vietnamese) {
  return invalid_argument("csv", english).with_reason(reason).with_vietnamese(vietnamese);
}

}  // namespace

void CsvReader::add_to_field(char c) {
  if (field_.size() >= limits_.max_field_bytes) {
    const auto limit = std::to_string(limits_.max_field_bytes);
    if (in_quotes_ && field_.find('\n') != std::string::npos) {
      // A quoted field that has run over lines and past the limit: almost always a quote
      // opened and never closed, which would swallow the rest of the stream.
      const auto line = std::to_string(quote_line_);
      throw csv_refused(
          kCsvUnclosedQuote,
          "line " + line + ": a quote opened here is not closed within " + limit + " bytes",
          "Dòng " + line + ": dấu ngoặc kép mở ở dòng này không được đóng trong " + limit +
              " byte");
    }
    const auto line = std::to_string(record_.line);
    throw csv_refused(kCsvFieldTooLong,
                      "line " + line + ": a field is longer than " + limit + " bytes",
                      "Dòng " + line + ": có ô dài quá " + limit + " byte");
  }
  field_ += c;
}

void CsvReader::end_field() {
  if (record_.fields.size() >= limits_.max_fields) {
    const auto line = std::to_string(record_.line);
    const auto limit = std::to_string(limits_.max_fields);
    throw csv_refused(kCsvTooManyFields, "line " + line + ": has more than " + limit + " fields",
                      "Dòng " + line + ": có quá " + limit + " cột");
  }
  record_.fields.push_back(std::move(field_));
  field_.clear();
  after_quote_ = false;
}

void CsvReader::end_record() {
  end_field();
  sink_(record_);
  record_ = CsvRecord{};
  started_ = false;
}

void CsvReader::feed(std::string_view bytes) {
  for (char c : bytes) {
    if (pending_cr_) {
      pending_cr_ = false;
      if (c == '\n') continue;  // CRLF: the CR already ended the record
    }
    if (!started_) {
      record_.line = line_;
      started_ = true;
    }
    if (in_quotes_) {
      if (c == '"') {
        in_quotes_ = false;
        after_quote_ = true;
      } else {
        if (c == '\n') ++line_;
        add_to_field(c);
      }
      continue;
    }
    if (c == '"') {
      if (after_quote_) {  // "" inside a quoted field
        add_to_field('"');
        in_quotes_ = true;
        after_quote_ = false;
      } else if (field_.empty()) {
        in_quotes_ = true;
        quote_line_ = line_;
      } else {
        record_.malformed = true;  // a quote in the middle of an unquoted field
        add_to_field(c);
      }
    } else if (c == ',') {
      end_field();
    } else if (c == '\n' || c == '\r') {
      ++line_;
      pending_cr_ = c == '\r';
      end_record();
    } else {
      if (after_quote_) record_.malformed = true;
      add_to_field(c);
    }
  }
}

void CsvReader::finish() {
  if (in_quotes_) record_.malformed = true;
  if (started_ && (!field_.empty() || !record_.fields.empty() || in_quotes_)) end_record();
}

}  // namespace vnn::platform::text
