#include "rules/public_text.h"

#include <cctype>

namespace vnn::reporting::rules {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_separator(char c) { return c == ' ' || c == '.' || c == '-' || c == '/' || c == '_'; }
// Characters of an e-mail address's local part or domain (ASCII; "@" excluded).
bool is_address_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '_' || c == '-' ||
         c == '+' || c == '%';
}

// Masks e-mail addresses: the run of address characters on each side of every "@" with a
// character on both sides.
std::string mask_addresses(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const auto at = text.find('@', i);
    if (at == std::string_view::npos) {
      out.append(text.substr(i));
      break;
    }
    std::size_t start = at;
    while (start > i && is_address_char(text[start - 1])) --start;
    std::size_t end = at + 1;
    while (end < text.size() && is_address_char(text[end])) ++end;
    out.append(text.substr(i, start - i));
    if (start < at && end > at + 1) {
      out.append(kMask).append("@").append(kMask);
    } else {
      out.append(text.substr(start, end - start));
    }
    i = end;
  }
  return out;
}

// Masks digit runs of kMaskedDigits digits or more; a run may be split by single separators
// between digits ("0912 345 678", "012.345.678.901") and may start with "+".
std::string mask_numbers(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const bool plus = text[i] == '+' && i + 1 < text.size() && is_digit(text[i + 1]);
    if (!is_digit(text[i]) && !plus) {
      out.push_back(text[i]);
      ++i;
      continue;
    }
    std::size_t end = plus ? i + 1 : i;
    std::size_t last_digit = end;
    int digits = 0;
    while (end < text.size()) {
      if (is_digit(text[end])) {
        ++digits;
        last_digit = end;
        ++end;
      } else if (is_separator(text[end]) && end + 1 < text.size() && is_digit(text[end + 1])) {
        ++end;
      } else {
        break;
      }
    }
    const std::size_t run_end = last_digit + 1;
    if (digits >= kMaskedDigits) {
      out.append(kMask);
    } else {
      out.append(text.substr(i, run_end - i));
    }
    i = run_end;
  }
  return out;
}

std::string trim(std::string text) {
  const auto first = text.find_first_not_of(' ');
  if (first == std::string::npos) return {};
  const auto last = text.find_last_not_of(' ');
  return text.substr(first, last - first + 1);
}

}  // namespace

std::string mask_public_text(std::string_view text) { return mask_numbers(mask_addresses(text)); }

std::string public_donor(std::string_view public_name) {
  auto name = trim(mask_public_text(public_name));
  return name.empty() ? std::string(kAnonymousDonor) : name;
}

std::string public_household(std::string_view masked_name) {
  auto name = trim(mask_public_text(masked_name));
  return name.empty() ? std::string(kUnnamedHousehold) : name;
}

}  // namespace vnn::reporting::rules
