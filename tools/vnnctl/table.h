#pragma once
// Plain-text tables for officers' terminals: columns sized by what a terminal shows, so
// Vietnamese text with diacritics lines up.

#include <ostream>
#include <string>
#include <vector>

namespace vnn::cli {

class Table {
 public:
  explicit Table(std::vector<std::string> headers) : headers_(std::move(headers)) {}
  void add_row(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  void print(std::ostream& out) const;

 private:
  std::vector<std::string> headers_;
  std::vector<std::vector<std::string>> rows_;
};

// Columns a UTF-8 string takes in a terminal (combining marks take none).
std::size_t display_width(const std::string& text);

}  // namespace vnn::cli
