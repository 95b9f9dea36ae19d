#include "vnn/platform/text/text.h"

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "vnn/platform/errors.h"
#include "vnn/platform/text/row_problem_codes.h"

namespace vnn::platform::text {
namespace {

struct Decoded {
  std::uint32_t code_point;
  std::size_t length;  // bytes consumed
};

// Decodes the code point starting at text[at] under the strict rules of RFC 3629: no overlong
// forms (which let "\xC0\xAF" smuggle a '/' past byte-level filters), no UTF-16 surrogates and
// nothing past U+10FFFF. nullopt when the bytes there are not a well-formed sequence.
std::optional<Decoded> decode_at(std::string_view text, std::size_t at) {
  const auto lead = static_cast<unsigned char>(text[at]);
  std::size_t length = 0;
  std::uint32_t code_point = 0;
  if (lead < 0x80) {
    return Decoded{lead, 1};
  } else if ((lead & 0xE0) == 0xC0) {
    length = 2;
    code_point = lead & 0x1Fu;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3;
    code_point = lead & 0x0Fu;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4;
    code_point = lead & 0x07u;
  } else {
    return std::nullopt;  // a continuation byte, or a lead byte no valid sequence uses
  }
  if (at + length > text.size()) return std::nullopt;
  for (std::size_t k = 1; k < length; ++k) {
    const auto next = static_cast<unsigned char>(text[at + k]);
    if ((next & 0xC0) != 0x80) return std::nullopt;
    code_point = (code_point << 6) | (next & 0x3Fu);
  }
  constexpr std::array<std::uint32_t, 5> kShortestForm{0, 0, 0x80, 0x800, 0x10000};
  if (code_point < kShortestForm[length] || code_point > 0x10FFFF ||
      (code_point >= 0xD800 && code_point <= 0xDFFF)) {
    return std::nullopt;
  }
  return Decoded{code_point, length};
}

bool is_newline(std::uint32_t code_point) { return code_point == '\n' || code_point == '\r'; }

bool is_control(std::uint32_t code_point) {
  return code_point < 0x20 || (code_point >= 0x7F && code_point <= 0x9F);
}

bool is_ascii_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

constexpr std::string_view kReplacementCharacter = "\xEF\xBF\xBD";  // U+FFFD

// Appends `text` with each byte that does not start a well-formed sequence replaced.
void append_valid_utf8(std::string& out, std::string_view text) {
  std::size_t at = 0;
  while (at < text.size()) {
    if (const std::optional<Decoded> decoded = decode_at(text, at)) {
      out.append(text.substr(at, decoded->length));
      at += decoded->length;
    } else {
      out.append(kReplacementCharacter);
      ++at;
    }
  }
}

std::vector<std::string_view> split_words(std::string_view text) {
  std::vector<std::string_view> words;
  std::size_t at = 0;
  while (at < text.size()) {
    while (at < text.size() && is_ascii_space(text[at])) ++at;
    const std::size_t start = at;
    while (at < text.size() && !is_ascii_space(text[at])) ++at;
    if (at > start) words.push_back(text.substr(start, at - start));
  }
  return words;
}

}  // namespace

TextProblem check_text(std::string_view text, std::size_t max_chars, bool required,
                       bool allow_newlines) {
  std::size_t code_points = 0;
  bool blank = true;
  std::size_t at = 0;
  while (at < text.size()) {
    const std::optional<Decoded> decoded = decode_at(text, at);
    if (!decoded) return TextProblem::kInvalidUtf8;
    const std::uint32_t code_point = decoded->code_point;
    const bool allowed_newline = allow_newlines && is_newline(code_point);
    if (is_control(code_point) && !allowed_newline) return TextProblem::kControlCharacter;
    if (code_point != ' ' && !allowed_newline) blank = false;
    ++code_points;
    at += decoded->length;
  }
  if (required && blank) return TextProblem::kEmpty;
  if (code_points > max_chars) return TextProblem::kTooLong;
  return TextProblem::kNone;
}

bool is_valid_utf8(std::string_view text) {
  std::size_t at = 0;
  while (at < text.size()) {
    const std::optional<Decoded> decoded = decode_at(text, at);
    if (!decoded) return false;
    at += decoded->length;
  }
  return true;
}

bool has_combining_mark(std::string_view text) {
  std::size_t at = 0;
  while (at < text.size()) {
    const std::optional<Decoded> decoded = decode_at(text, at);
    if (!decoded) {
      ++at;
      continue;
    }
    if (decoded->code_point >= 0x0300 && decoded->code_point <= 0x036F) return true;
    at += decoded->length;
  }
  return false;
}

std::string text_problem_reason(TextProblem problem, std::size_t max_chars) {
  switch (problem) {
    case TextProblem::kNone:
      return "";
    case TextProblem::kEmpty:
      return "must not be empty";
    case TextProblem::kTooLong:
      return "is longer than " + std::to_string(max_chars) + " characters";
    case TextProblem::kInvalidUtf8:
      return "is not valid UTF-8";
    case TextProblem::kControlCharacter:
      return "contains control characters";
  }
  return "";
}

const char* text_problem_code(TextProblem problem) {
  switch (problem) {
    case TextProblem::kNone:
      return "";
    case TextProblem::kEmpty:
      return "text_empty";
    case TextProblem::kTooLong:
      return "text_too_long";
    case TextProblem::kInvalidUtf8:
      return "text_not_utf8";
    case TextProblem::kControlCharacter:
      return "text_control_character";
  }
  return "";
}

std::string mask_name(std::string_view full_name) {
  const std::vector<std::string_view> words = split_words(full_name);
  std::string out;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i == 0) {
      append_valid_utf8(out, words[i]);
      continue;
    }
    out.push_back(' ');
    const std::optional<Decoded> first = decode_at(words[i], 0);
    // The initial is a whole code point, never a lone lead byte of "Đ" or "Á".
    append_valid_utf8(out, words[i].substr(0, first ? first->length : 1));
    out.push_back('.');
  }
  return out;
}

void require_text(std::string_view text, const std::string& field, std::size_t max_chars,
                  bool required) {
  const auto problem = check_text(text, max_chars, required);
  if (problem != TextProblem::kNone) {
    throw invalid_argument(field, text_problem_reason(problem, max_chars));
  }
}

}  // namespace vnn::platform::text
