#pragma once
// Plain formatting of the final report: đồng written the Vietnamese way, CSV fields as Excel
// in Vietnam reads them, the report's words in Vietnamese or English, the running balance of
// the report's ledger and its reconciliation footer. No protobuf, no I/O.
//
// CSV decisions:
//   - UTF-8 with a byte-order mark, so Excel opens it as UTF-8 and diacritics stay intact
//     (no "sep=" line: Excel ignores the BOM when one is present);
//   - ';' between fields: Windows in Vietnamese (vi-VN) writes decimals with ',' and uses ';'
//     as the list separator, so Excel there splits on ';' when the file is opened directly;
//   - đồng as "1.500.000": dots between thousands, which Excel in vi-VN reads back as numbers;
//   - CRLF line ends (RFC 4180).

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rules/labels.h"
#include "vnn/platform/date.h"

namespace vnn::reporting::rules {

inline constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
inline constexpr char kCsvSeparator = ';';

// "1.500.000"; "-250.000"; "0". No currency sign.
std::string format_dong(std::int64_t dong);

// One CSV field: quoted (inner quotes doubled) when it holds the separator, a quote, a line
// break or leading/trailing spaces; as is otherwise.
std::string csv_field(std::string_view value, char separator = kCsvSeparator);
// A text field a person wrote (names, labels): as csv_field, but one that Excel would take for
// a formula (starting with = + - @, tab or CR) is prefixed with an apostrophe first.
std::string csv_text(std::string_view value, char separator = kCsvSeparator);
// Fields already made with csv_field/csv_text, joined, with CRLF.
std::string csv_row(const std::vector<std::string>& fields, char separator = kCsvSeparator);

// "vi" or empty → Vietnamese, "en" → English; nullopt otherwise.
std::optional<Language> parse_language(std::string_view code);

// The report's fixed words by key (headings, row labels, column names); the key itself when
// unknown. Keys are listed in report_format.cc.
std::string report_text(std::string_view key, Language language);

// "14:05 ngày 19/05/2024" / "14:05 on 19/05/2024", Vietnam time.
std::string vietnam_time(std::chrono::system_clock::time_point at, Language language);

// One day of the report's ledger: what came into the unit's funds (donations net of
// reversals) and what went out (fund parts handed over).
struct DayFlow {
  platform::Date on;
  std::int64_t in = 0;
  std::int64_t out = 0;
};
struct BalanceLine {
  platform::Date on;
  std::int64_t in = 0;
  std::int64_t out = 0;
  std::int64_t balance = 0;  // after this day
};
// Days in date order (merged when a day repeats), with the running balance from `opening`.
// Throws std::overflow_error when a sum does not fit in int64.
std::vector<BalanceLine> running_balance(std::vector<DayFlow> days, std::int64_t opening = 0);

// How fresh the figures are (the read models' last applied event).
struct FreshnessFacts {
  std::int64_t events_applied = 0;
  std::string last_event_id;
  std::chrono::system_clock::time_point event_at{};
  std::chrono::system_clock::time_point applied_at{};
};
// The outcome of comparing the figures with the donation and allocation services.
struct ReconciliationFacts {
  std::int64_t differences = 0;  // 0: every figure agrees to the đồng
  std::int64_t figures_compared = 0;
  std::int64_t consumer_lag = 0;  // events not yet applied when compared
  std::chrono::system_clock::time_point compared_at{};
};
// The report's footer: the reconciliation with the owning services when one was made, and in
// every case how fresh the figures are.
std::string reconciliation_footer(const FreshnessFacts& freshness,
                                  const std::optional<ReconciliationFacts>& reconciliation,
                                  Language language);

}  // namespace vnn::reporting::rules
