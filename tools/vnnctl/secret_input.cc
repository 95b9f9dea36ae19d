#include "secret_input.h"

#include <fstream>
#include <stdexcept>

namespace vnn::cli {
namespace {

std::string trimmed(std::string text) {
  const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!text.empty() && blank(text.back())) text.pop_back();
  std::size_t start = 0;
  while (start < text.size() && blank(text[start])) ++start;
  return text.substr(start);
}

}  // namespace

std::string read_secret_value(const std::string& source, std::istream& standard_input,
                              const std::string& option) {
  std::string line;
  if (source == "-") {
    std::getline(standard_input, line);
  } else {
    std::ifstream in(source);
    if (!in) throw std::invalid_argument(option + ": không đọc được tệp " + source);
    std::getline(in, line);
  }
  line = trimmed(line);
  if (line.empty()) {
    throw std::invalid_argument(option + ": " +
                                (source == "-" ? std::string("đầu vào chuẩn") : "tệp " + source) +
                                " trống");
  }
  return line;
}

}  // namespace vnn::cli
