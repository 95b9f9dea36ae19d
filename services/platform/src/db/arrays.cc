#include "vnn/platform/db/arrays.h"

#include <stdexcept>

namespace vnn::platform::db {

// Batches pass every column through here (RecordDonation: about a dozen arrays per batch), so
// runs without a quote or backslash are copied whole into a buffer sized once.
std::string text_array(const std::vector<std::string>& values) {
  std::size_t size = 2;
  for (const auto& value : values) size += value.size() + 3;
  std::string out;
  out.reserve(size);
  out += '{';
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += ',';
    out += '"';
    // A plain loop: string_view::find_first_of calls memchr once per byte.
    const std::string& value = values[i];
    std::size_t from = 0;
    for (std::size_t at = 0; at < value.size(); ++at) {
      if (value[at] != '"' && value[at] != '\\') continue;
      out.append(value, from, at - from);
      out += '\\';
      from = at;
    }
    out.append(value, from, std::string::npos);
    out += '"';
  }
  out += '}';
  return out;
}

std::string bigint_array(const std::vector<std::int64_t>& values, std::size_t count) {
  std::string out = "{";
  for (std::size_t i = 0; i < count && i < values.size(); ++i) {
    if (i > 0) out += ',';
    out += std::to_string(values[i]);
  }
  return out + "}";
}

std::string to_hex(const std::string& bytes) {
  static const char* digits = "0123456789abcdef";
  std::string out(bytes.size() * 2, '\0');
  char* next = out.data();
  for (unsigned char c : bytes) {
    *next++ = digits[c >> 4];
    *next++ = digits[c & 0xf];
  }
  return out;
}

std::string from_hex(std::string_view hex) {
  auto value = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    throw std::invalid_argument("not a hex digit");
  };
  if (hex.size() % 2 != 0) throw std::invalid_argument("odd number of hex digits");
  std::string out(hex.size() / 2, '\0');
  for (std::size_t i = 0; i < out.size(); ++i) {
    out[i] = static_cast<char>(value(hex[2 * i]) * 16 + value(hex[2 * i + 1]));
  }
  return out;
}

}  // namespace vnn::platform::db
