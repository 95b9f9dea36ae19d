#pragma once
// Protobuf enum values and the words the services store for them (a table of pairs per enum),
// both ways. Proto3 enums begin with UNSPECIFIED = 0, which is what an unknown word gives.

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>

namespace vnn::platform {

template <typename Enum, std::size_t N>
using EnumWords = std::array<std::pair<Enum, const char*>, N>;

// The word for `value`; empty if the table has none.
template <typename Enum, std::size_t N>
std::string word_of(const EnumWords<Enum, N>& table, Enum value) {
  for (const auto& [e, word] : table) {
    if (e == value) return word;
  }
  return "";
}

// The value for `word`; Enum{} (UNSPECIFIED) if the table has none.
template <typename Enum, std::size_t N>
Enum value_of(const EnumWords<Enum, N>& table, std::string_view word) {
  for (const auto& [e, w] : table) {
    if (word == w) return e;
  }
  return Enum{};
}

}  // namespace vnn::platform
