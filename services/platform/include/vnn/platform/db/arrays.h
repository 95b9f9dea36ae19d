#pragma once
// PostgreSQL array literals for parameters ("{…}" text, cast with ::text[] or ::bigint[] in the
// statement): libpqxx 6.4 has no array parameters, and batches travel as one array per column.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace vnn::platform::db {

// Every element quoted, with " and \ escaped, so any text (commas, braces, quotes) is safe.
std::string text_array(const std::vector<std::string>& values);
std::string bigint_array(const std::vector<std::int64_t>& values, std::size_t count);
inline std::string bigint_array(const std::vector<std::int64_t>& values) {
  return bigint_array(values, values.size());
}
// Hex of raw bytes, for bytea values passed inside text arrays (decoded with decode(…, 'hex')).
std::string to_hex(const std::string& bytes);
// The inverse of to_hex (what encode(bytea, 'hex') returns); throws std::invalid_argument.
std::string from_hex(std::string_view hex);

}  // namespace vnn::platform::db
