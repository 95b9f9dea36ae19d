#include "vnn/platform/text/scrub.h"

#include <cctype>

namespace vnn::platform::text {
namespace {

constexpr std::string_view kRedacted = "…";

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// The index just past the parenthesis closing the one at `open` (nesting counted), or npos.
std::size_t past_closing(std::string_view text, std::size_t open) {
  int depth = 0;
  for (std::size_t i = open; i < text.size(); ++i) {
    if (text[i] == '(') ++depth;
    if (text[i] == ')' && --depth == 0) return i + 1;
  }
  return std::string_view::npos;
}

// `Key (a, b)=(x, y)` → `Key (a, b)=(…)`; `Failing row contains (…)` likewise. Whatever is
// unbalanced runs to the end of the text and is dropped with it.
std::string redact_tuples(std::string_view line) {
  std::string out;
  std::size_t i = 0;
  while (i < line.size()) {
    const std::size_t equals_paren = line.find(")=(", i);
    const std::size_t failing = line.find("contains (", i);
    std::size_t open = std::string_view::npos;
    std::size_t copy_to = std::string_view::npos;
    if (equals_paren != std::string_view::npos &&
        (failing == std::string_view::npos || equals_paren < failing)) {
      open = equals_paren + 2;
      copy_to = open;
    } else if (failing != std::string_view::npos) {
      open = failing + 9;
      copy_to = open;
    }
    if (open == std::string_view::npos) {
      out.append(line.substr(i));
      break;
    }
    out.append(line.substr(i, copy_to - i));
    out.append("(");
    out.append(kRedacted);
    out.append(")");
    const std::size_t end = past_closing(line, open);
    if (end == std::string_view::npos) break;
    i = end;
  }
  return out;
}

// Single-quoted literals, and a double-quoted one that follows ": " (names of tables, columns
// and constraints are double-quoted too, but never after a colon).
std::string redact_quoted(std::string_view line) {
  std::string out;
  for (std::size_t i = 0; i < line.size();) {
    const char c = line[i];
    const bool value_quote =
        c == '\'' || (c == '"' && i >= 2 && line[i - 1] == ' ' && line[i - 2] == ':');
    if (!value_quote) {
      out.push_back(c);
      ++i;
      continue;
    }
    std::size_t close = line.find(c, i + 1);
    out.push_back(c);
    out.append(kRedacted);
    if (close == std::string_view::npos) break;  // unclosed: the rest may be the value
    out.push_back(c);
    i = close + 1;
  }
  return out;
}

// Phone numbers, citizen ids, tax codes and bank references are long digit runs.
std::string redact_digit_runs(std::string_view line) {
  std::string out;
  for (std::size_t i = 0; i < line.size();) {
    if (!is_digit(line[i])) {
      out.push_back(line[i++]);
      continue;
    }
    std::size_t end = i;
    while (end < line.size() && is_digit(line[end])) ++end;
    if (end - i >= 6) {
      out.append(kRedacted);
    } else {
      out.append(line.substr(i, end - i));
    }
    i = end;
  }
  return out;
}

}  // namespace

std::string scrub_database_error(std::string_view text) {
  // The primary message is the first line; libpq puts DETAIL, HINT, CONTEXT, QUERY and the
  // LINE pointer on lines of their own.
  std::string_view line = text.substr(0, text.find_first_of("\r\n"));
  std::string out = redact_digit_runs(redact_quoted(redact_tuples(line)));
  for (char& c : out) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f) c = ' ';
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  if (out.size() > kMaxScrubbedLength) {
    std::size_t cut = kMaxScrubbedLength;
    // Not in the middle of a UTF-8 sequence: continuation bytes are 10xxxxxx.
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
    out.resize(cut);
    out.append(kRedacted);
  }
  return out;
}

}  // namespace vnn::platform::text
