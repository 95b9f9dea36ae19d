#include "vnn/platform/text/csv_reader.h"

namespace vnn::platform::text {

void CsvReader::end_field() {
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
        field_ += c;
      }
      continue;
    }
    if (c == '"') {
      if (after_quote_) {  // "" inside a quoted field
        field_ += '"';
        in_quotes_ = true;
        after_quote_ = false;
      } else if (field_.empty()) {
        in_quotes_ = true;
      } else {
        record_.malformed = true;  // a quote in the middle of an unquoted field
        field_ += c;
      }
    } else if (c == ',') {
      end_field();
    } else if (c == '\n' || c == '\r') {
      ++line_;
      pending_cr_ = c == '\r';
      end_record();
    } else {
      if (after_quote_) record_.malformed = true;
      field_ += c;
    }
  }
}

void CsvReader::finish() {
  if (in_quotes_) record_.malformed = true;
  if (started_ && (!field_.empty() || !record_.fields.empty() || in_quotes_)) end_record();
}

}  // namespace vnn::platform::text
