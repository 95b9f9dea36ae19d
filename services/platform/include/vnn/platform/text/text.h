#pragma once
// Checks for free text that donors and staff type (names, addresses, messages) before it is
// stored, printed on receipts or published on campaign pages, and masking of donor names.

#include <cstddef>
#include <string>
#include <string_view>

namespace vnn::platform::text {

enum class TextProblem { kNone, kEmpty, kTooLong, kInvalidUtf8, kControlCharacter };

// Reports the first problem found in this order: invalid UTF-8, control characters, empty, too
// long. `max_chars` counts Unicode code points, not bytes, so a limit means the same for
// "Nguyễn" as for "Nguyen"; text in NFD (a base letter plus combining marks) counts each mark.
// Control characters are C0 (U+0000-U+001F), DEL and C1 (U+0080-U+009F); with
// `allow_newlines`, LF and CR are accepted for multi-line fields such as messages. When
// `required`, text made only of spaces (and of newlines, where allowed) is empty: it would print
// as nothing on a receipt.
TextProblem check_text(std::string_view text, std::size_t max_chars, bool required,
                       bool allow_newlines = false);

// Well-formed UTF-8 under RFC 3629 (no overlong forms, surrogates or values past U+10FFFF).
bool is_valid_utf8(std::string_view text);

// True when `text` holds a combining diacritical mark (U+0300-U+036F). Vietnamese in NFC has a
// precomposed letter for every tone and vowel mark, so such a mark means the text is decomposed
// (NFD) and would not compare equal to the same word typed elsewhere. Invalid bytes are skipped.
bool has_combining_mark(std::string_view text);

// An English phrase that follows the field name in an error ("name must not be empty").
// `max_chars` is the limit that was passed to check_text(); empty for TextProblem::kNone.
std::string text_problem_reason(TextProblem problem, std::size_t max_chars);

// check_text() for a request field: throws INVALID_ARGUMENT naming `field`, with the reason
// text_problem_reason() gives, for the first problem found.
void require_text(std::string_view text, const std::string& field, std::size_t max_chars,
                  bool required);

// Keeps the first word (the family name, which comes first in Vietnamese names) and reduces
// every other word to its first letter and a period: "Nguyễn Văn An" -> "Nguyễn V. A.".
// A single word is returned unchanged. Works on code points, so "Đặng Thị Ánh" becomes
// "Đặng T. Á."; letters are not re-cased. Words are separated by ASCII whitespace and joined
// by single spaces. Invalid UTF-8 bytes come out as U+FFFD so the result is always valid
// UTF-8, as protobuf string fields require.
std::string mask_name(std::string_view full_name);

}  // namespace vnn::platform::text
