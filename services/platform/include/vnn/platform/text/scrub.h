#pragma once
// Database error text made fit for a log line. libpq's messages carry the values that broke a
// rule: a DETAIL line such as `Key (phone)=(0912345678) already exists.`, `Failing row
// contains (…)`, or the literal a cast refused (`invalid input syntax for type bigint: "…"`).
// Those values are personal data (phones, citizen ids, names), and logs are read by more people
// and kept longer than the database. The scrubber keeps what an operator needs — the primary
// message, the SQLSTATE-like wording, table, column and constraint names — and drops the rest.

#include <cstddef>
#include <string>
#include <string_view>

namespace vnn::platform::text {

// The longest scrubbed text; the rest is cut (a primary message is far shorter).
inline constexpr std::size_t kMaxScrubbedLength = 300;

// Keeps the first line only (no DETAIL, HINT, CONTEXT, QUERY or LINE lines), replaces
// `Key (…)=(…)` and `Failing row contains (…)` values, single-quoted literals, a double-quoted
// value after ": " (the value a cast refused), and runs of 6 or more digits with "…"; control
// characters become spaces; at most kMaxScrubbedLength bytes, cut on a UTF-8 boundary.
std::string scrub_database_error(std::string_view text);

}  // namespace vnn::platform::text
