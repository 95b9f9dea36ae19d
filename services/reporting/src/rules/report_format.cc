#include "rules/report_format.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <stdexcept>

#include "vnn/platform/money.h"

namespace vnn::reporting::rules {
namespace {

struct Text {
  std::string_view key, vi, en;
};

// The report's fixed words. Headings follow the seed plan's section III (what communes report
// at the end of the peak period).
constexpr std::array kTexts{
    Text{"title", "Báo cáo kết quả", "Results report"},
    Text{"label.campaign", "Đợt vận động", "Campaign"},
    Text{"label.period", "Thời gian", "Period"},
    Text{"label.unit", "Đơn vị", "Unit"},
    Text{"section.mobilisation", "I. Kết quả vận động", "I. Mobilisation results"},
    Text{"section.support", "II. Hỗ trợ hộ nghèo", "II. Support for poor households"},
    Text{"section.houses", "III. Nhà Đại đoàn kết", "III. Great Solidarity houses"},
    Text{"section.funds", "IV. Tình hình Quỹ “Vì người nghèo”", "IV. The “For the Poor” funds"},
    Text{"section.units", "V. Kết quả theo đơn vị", "V. Results by unit"},
    Text{"section.ledger", "Sổ thu, chi theo ngày", "Receipts and payments by day"},
    Text{"col.item", "Nội dung", "Item"},
    Text{"col.count", "Số lượng", "Count"},
    Text{"col.amount", "Số tiền (đồng)", "Amount (đồng)"},
    Text{"col.note", "Ghi chú", "Note"},
    Text{"col.date", "Ngày", "Date"},
    Text{"col.description", "Diễn giải", "Description"},
    Text{"col.in", "Thu (đồng)", "In (đồng)"},
    Text{"col.out", "Chi (đồng)", "Out (đồng)"},
    Text{"col.balance", "Tồn quỹ (đồng)", "Balance (đồng)"},
    Text{"row.received_total", "Tổng giá trị ủng hộ vào Quỹ", "Total received into the funds"},
    Text{"row.cash", "Tiền mặt, chuyển khoản, ngày lương", "Cash, transfers and payroll"},
    Text{"row.in_kind", "Hiện vật (quy ra tiền)", "In kind (assessed value)"},
    Text{"row.by_channel", "Theo hình thức: ", "By channel: "},
    Text{"row.by_donor_kind", "Theo đối tượng ủng hộ: ", "By donor kind: "},
    Text{"row.by_mobiliser", "Theo đơn vị vận động: ", "By mobiliser: "},
    Text{"row.direct", "Ủng hộ trực tiếp cho hộ nghèo", "Given directly to households"},
    Text{"row.target", "Chỉ tiêu vận động", "Target to raise"},
    Text{"note.achieved", "đạt ", "achieved "},
    Text{"row.hh_submitted", "Hộ trong danh sách đề nghị hỗ trợ", "Households proposed"},
    Text{"row.hh_approved", "Hộ được duyệt", "Households approved"},
    Text{"row.hh_rejected", "Hộ không được duyệt", "Households rejected"},
    Text{"row.hh_returned", "Hộ trả lại bổ sung hồ sơ", "Households returned for more information"},
    Text{"row.hh_supported", "Hộ đã được hỗ trợ", "Households supported"},
    Text{"row.hh_late", "Hộ đề nghị sau hạn", "Households proposed after the deadline"},
    Text{"row.approved_kind", "Đã duyệt: ", "Approved: "},
    Text{"row.disbursed_kind", "Đã trao: ", "Handed over: "},
    Text{"row.approved_total", "Tổng kinh phí đã duyệt từ Quỹ", "Approved from the funds"},
    Text{"row.disbursed_total", "Tổng kinh phí đã trao từ Quỹ", "Handed over from the funds"},
    Text{"row.total_value", "Tổng giá trị hỗ trợ (mọi nguồn)",
         "Total value of support (all sources)"},
    Text{"row.houses_built", "Nhà Đại đoàn kết xây mới hoàn thành", "New houses completed"},
    Text{"row.houses_repaired", "Nhà sửa chữa hoàn thành", "House repairs completed"},
    Text{"row.houses_target", "Chỉ tiêu nhà Đại đoàn kết", "Houses target"},
    Text{"row.fund_received", "đã nhận", "received"},
    Text{"row.fund_reversed", "hoàn trả, điều chỉnh", "reversed"},
    Text{"row.fund_reserved", "đã duyệt, chưa trao", "approved, not yet handed over"},
    Text{"row.fund_disbursed", "đã trao", "handed over"},
    Text{"row.fund_available", "còn lại", "available"},
    Text{"row.fund_in_kind", "hiện vật tồn", "goods in stock"},
    Text{"note.fund_short", "thiếu nguồn", "short of money"},
    Text{"note.households_supported", "Hộ được hỗ trợ: ", "Households supported: "},
    Text{"line.in", "Tiếp nhận ủng hộ", "Donations received"},
    Text{"line.out", "Trao hỗ trợ hộ nghèo", "Support handed over"},
    Text{"total", "Cộng", "Total"},
    Text{"footer", "Đối chiếu số liệu", "Reconciliation"},
};

std::string two(int n) {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "%02d", n);
  return buffer;
}

bool needs_quotes(std::string_view value, char separator) {
  if (value.empty()) return false;
  if (value.front() == ' ' || value.back() == ' ') return true;
  return value.find_first_of(std::string{separator, '"', '\r', '\n'}) != std::string_view::npos;
}

}  // namespace

std::string format_dong(std::int64_t dong) {
  // Via the platform's format ("1.500.000 đ"), without the sign of the currency.
  std::string text = platform::money::format_vietnamese(dong);
  const auto space = text.find(' ');
  if (space != std::string::npos) text.erase(space);
  return text;
}

std::string csv_field(std::string_view value, char separator) {
  if (!needs_quotes(value, separator)) return std::string(value);
  std::string out = "\"";
  for (const char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string csv_text(std::string_view value, char separator) {
  if (!value.empty() &&
      std::string_view("=+-@\t\r").find(value.front()) != std::string_view::npos) {
    return csv_field("'" + std::string(value), separator);
  }
  return csv_field(value, separator);
}

std::string csv_row(const std::vector<std::string>& fields, char separator) {
  std::string out;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i != 0) out += separator;
    out += fields[i];
  }
  out += "\r\n";
  return out;
}

std::optional<Language> parse_language(std::string_view code) {
  if (code.empty() || code == "vi") return Language::kVietnamese;
  if (code == "en") return Language::kEnglish;
  return std::nullopt;
}

std::string report_text(std::string_view key, Language language) {
  for (const auto& t : kTexts) {
    if (t.key == key) return std::string(language == Language::kEnglish ? t.en : t.vi);
  }
  return std::string(key);
}

std::string vietnam_time(std::chrono::system_clock::time_point at, Language language) {
  using namespace std::chrono;
  const auto local = at + hours(7);
  const auto day = floor<days>(local);
  const hh_mm_ss clock{floor<minutes>(local - day)};
  const auto date = platform::Date::in_vietnam(at);
  return two(static_cast<int>(clock.hours().count())) + ":" +
         two(static_cast<int>(clock.minutes().count())) +
         (language == Language::kEnglish ? " on " : " ngày ") + date.vietnamese();
}

std::vector<BalanceLine> running_balance(std::vector<DayFlow> days, std::int64_t opening) {
  std::stable_sort(days.begin(), days.end(),
                   [](const DayFlow& a, const DayFlow& b) { return a.on < b.on; });
  const auto add = [](std::int64_t a, std::int64_t b) {
    const auto sum = platform::money::checked_add(a, b);
    if (!sum) throw std::overflow_error("running balance does not fit in int64");
    return *sum;
  };
  std::vector<BalanceLine> lines;
  std::int64_t balance = opening;
  for (const auto& d : days) {
    if (!lines.empty() && lines.back().on == d.on) {
      lines.back().in = add(lines.back().in, d.in);
      lines.back().out = add(lines.back().out, d.out);
    } else {
      lines.push_back({d.on, d.in, d.out, 0});
    }
    balance = add(balance, d.in);
    balance = add(balance, -d.out);
    lines.back().balance = balance;
  }
  return lines;
}

std::string reconciliation_footer(const FreshnessFacts& freshness,
                                  const std::optional<ReconciliationFacts>& reconciliation,
                                  Language language) {
  const bool en = language == Language::kEnglish;
  std::string out;
  if (!reconciliation) {
    out = en ? "Not yet reconciled with the donation and allocation services."
             : "Chưa đối chiếu với dịch vụ tiếp nhận ủng hộ và dịch vụ phân bổ hỗ trợ.";
  } else {
    const auto at = vietnam_time(reconciliation->compared_at, language);
    const auto n = std::to_string(reconciliation->figures_compared);
    if (reconciliation->differences == 0) {
      out = en ? "Reconciled " + n + " figures with the donation and allocation services at " + at +
                     ": every figure agrees to the đồng."
               : "Đã đối chiếu " + n +
                     " số liệu với dịch vụ tiếp nhận ủng hộ và dịch vụ phân bổ hỗ trợ lúc " + at +
                     ": khớp đến từng đồng.";
    } else {
      const auto k = std::to_string(reconciliation->differences);
      out = en ? "Reconciled with the donation and allocation services at " + at + ": " + k +
                     " of " + n + " figures differ."
               : "Đối chiếu với dịch vụ tiếp nhận ủng hộ và dịch vụ phân bổ hỗ trợ lúc " + at +
                     ": " + k + "/" + n + " số liệu chênh lệch.";
    }
    if (reconciliation->consumer_lag > 0) {
      const auto lag = std::to_string(reconciliation->consumer_lag);
      out += en ? " " + lag + " events were not yet applied when compared."
                : " Khi đối chiếu còn " + lag + " sự kiện chưa được cập nhật.";
    }
  }
  out += ' ';
  if (freshness.events_applied == 0) {
    out += en ? "No event has reached these figures yet."
              : "Chưa có sự kiện nào được cập nhật vào số liệu.";
  } else {
    const auto n = std::to_string(freshness.events_applied);
    const auto at = vietnam_time(freshness.event_at, language);
    out +=
        en ? "Figures up to event " + freshness.last_event_id + " (event " + n + "), at " + at + "."
           : "Số liệu cập nhật đến sự kiện " + freshness.last_event_id + " (sự kiện thứ " + n +
                 ") lúc " + at + ".";
  }
  return out;
}

}  // namespace vnn::reporting::rules
