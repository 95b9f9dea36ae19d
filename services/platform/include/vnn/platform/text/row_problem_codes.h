#pragma once
// Codes of the problems a CSV import reports per row (RowProblem.code, ImportProblem.code):
// stable words that clients put into their own language, beside the English reason. The list
// is in docs/import-formats.md.

#include "vnn/platform/text/text.h"

namespace vnn::platform::text {

inline constexpr const char* kMalformedRow = "malformed_row";         // quoting broken
inline constexpr const char* kWrongFieldCount = "wrong_field_count";  // not the header's columns
inline constexpr const char* kRequired = "required";                  // an empty required field
inline constexpr const char* kInvalidValue = "invalid_value";         // breaks its column's rule
// A household's rows that do not come together (household import).
inline constexpr const char* kRowsApart = "rows_apart";
// A statement line dated on or after its account's closing day.
inline constexpr const char* kAccountClosed = "account_closed";

// "text_empty", "text_too_long", "text_not_utf8" or "text_control_character".
const char* text_problem_code(TextProblem problem);

}  // namespace vnn::platform::text
