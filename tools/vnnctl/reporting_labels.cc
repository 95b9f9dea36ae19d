#include "reporting_labels.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "format.h"
#include "household_labels.h"
#include "table.h"

namespace vnn::cli {
namespace {

std::string dong(const common::v1::Money& money) { return format_dong(money.dong()); }

std::string count(std::int64_t n) {
  // Counts grouped like amounts, without the currency: 1.204.
  std::string digits = std::to_string(n < 0 ? -n : n);
  for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) digits.insert(i, ".");
  return (n < 0 ? "-" : "") + digits;
}

std::string view_label(rep::UnitView view, bool en) {
  return view == rep::UNIT_VIEW_RESTATED
             ? (en ? "restated into today's units" : "quy về đơn vị hành chính hiện nay")
             : (en ? "units as they were then" : "theo đơn vị hành chính lúc đó");
}

void add_unit_row(Table& table, const rep::UnitProgress& u) {
  table.add_row({u.unit_code(), u.unit_name(), count(u.received().count()),
                 dong(u.received().cash()), dong(u.received().in_kind()),
                 dong(u.received().direct_to_households()), count(u.households().approved()),
                 count(u.households().supported()), dong(u.supports().approved()),
                 dong(u.supports().disbursed()),
                 u.target().amount().dong() > 0 ? dong(u.target().amount()) : "", target_share(u)});
}

}  // namespace

std::string report_word_label(const std::string& word, bool en) {
  static const std::map<std::string, std::pair<std::string, std::string>> kLabels{
      {"bank_transfer", {"Chuyển khoản", "bank transfer"}},
      {"cash", {"Tiền mặt", "cash"}},
      {"in_kind", {"Hiện vật", "in kind"}},
      {"payroll", {"Ngày lương (cơ quan)", "payroll list"}},
      {"direct", {"Trao trực tiếp cho hộ", "given directly"}},
      {"individual", {"Cá nhân", "individual"}},
      {"household", {"Hộ gia đình", "household"}},
      {"organisation", {"Tổ chức", "organisation"}},
      {"business", {"Doanh nghiệp", "business"}},
      {"agency", {"Cơ quan, đơn vị", "agency"}},
      {"anonymous", {"Ẩn danh", "anonymous"}},
      {"member_organisation", {"Tổ chức thành viên", "member organisation"}},
      {"board_member", {"Thành viên Ban vận động", "board member"}},
  };
  auto it = kLabels.find(word);
  if (it == kLabels.end()) return word;
  return en ? it->second.second : it->second.first;
}

std::string deadline_label(rep::Deadline deadline, bool en) {
  switch (deadline) {
    case rep::DEADLINE_HOUSEHOLD_LIST:
      return en ? "household list" : "Nộp danh sách hộ";
    case rep::DEADLINE_RESULTS_REPORT:
      return en ? "results report" : "Báo cáo kết quả";
    default:
      return "?";
  }
}

std::string days_left_label(std::int32_t days_left, bool en) {
  if (days_left == 0) return en ? "today" : "hôm nay";
  if (days_left > 0) {
    return en ? std::to_string(days_left) + (days_left == 1 ? " day left" : " days left")
              : "còn " + std::to_string(days_left) + " ngày";
  }
  const int late = -days_left;
  return en ? std::to_string(late) + (late == 1 ? " day late" : " days late")
            : "quá " + std::to_string(late) + " ngày";
}

std::string target_share(const rep::UnitProgress& unit) {
  const auto target = unit.target().amount().dong();
  if (target <= 0) return "";
  return percent(static_cast<double>(unit.received().cash().dong()) / static_cast<double>(target));
}

std::string freshness_line(const rep::Freshness& f, bool en) {
  if (f.events_applied() == 0) {
    return en ? "no events applied yet" : "chưa cập nhật sự kiện nào";
  }
  std::string line = en ? "figures as of event " : "số liệu đến sự kiện thứ ";
  line += count(f.events_applied());
  if (f.event_at().seconds() != 0) {
    line += (en ? " (occurred " : " (xảy ra ") + format_time(f.event_at());
    line += (en ? ", applied " : ", cập nhật ") + format_time(f.applied_at()) + ")";
  }
  return line;
}

void print_progress(std::ostream& out, const rep::CampaignProgress& p, bool en) {
  out << (en ? "campaign " : "đợt ") << p.campaign_id();
  if (!p.campaign_name().empty()) out << " — " << p.campaign_name();
  out << "\n" << (en ? "unit " : "đơn vị ") << p.unit_code();
  if (!p.total().unit_name().empty()) out << " " << p.total().unit_name();
  out << " — " << view_label(p.view(), en) << "\n";
  Table table(headers(
      en,
      {"Unit", "Name", "Donations", "Cash", "In kind", "Direct to households",
       "Households approved", "Supported", "Supports approved", "Handed over", "Target", "Reached"},
      {"Mã", "Đơn vị", "Lượt ủng hộ", "Tiền", "Hiện vật", "Trao trực tiếp", "Hộ được duyệt",
       "Hộ đã hỗ trợ", "Hỗ trợ đã duyệt", "Đã trao", "Chỉ tiêu", "Đạt"}));
  for (const auto& u : p.units()) add_unit_row(table, u);
  rep::UnitProgress total = p.total();
  if (p.units_size() > 0) {
    total.set_unit_code("");
    total.set_unit_name(en ? "Total" : "Cộng");
  }
  add_unit_row(table, total);
  table.print(out);
  const auto& h = p.total().households();
  out << (en ? "households: submitted " : "hộ: đã gửi ") << h.submitted()
      << (en ? ", approved " : ", được duyệt ") << h.approved()
      << (en ? ", rejected " : ", không duyệt ") << h.rejected()
      << (en ? ", returned " : ", trả lại ") << h.returned()
      << (en ? ", assigned " : ", đã phân công ") << h.assigned()
      << (en ? ", supported " : ", đã hỗ trợ ") << h.supported();
  if (h.late() > 0) out << (en ? ", late " : ", nộp trễ ") << h.late();
  out << "\n";
  const auto& s = p.total().supports();
  if (s.houses_built() > 0 || s.houses_repaired() > 0) {
    out << (en ? "houses built: " : "nhà xây mới: ") << s.houses_built()
        << (en ? ", repaired: " : ", sửa chữa: ") << s.houses_repaired() << "\n";
  }
  if (p.funds_size() > 0) {
    Table funds(headers(en,
                        {"Fund", "Unit", "Name", "Received", "Reversed", "Reserved", "Handed over",
                         "Available", "In-kind stock", "Short"},
                        {"Quỹ", "Đơn vị", "Tên", "Đã nhận", "Hoàn trả", "Tạm giữ", "Đã trao",
                         "Khả dụng", "Hiện vật", "Thiếu hụt"}));
    for (const auto& f : p.funds()) {
      funds.add_row({f.fund_id(), f.unit_code(), f.name(), dong(f.received()), dong(f.reversed()),
                     dong(f.reserved()), dong(f.disbursed()), dong(f.available()),
                     dong(f.in_kind_stock()), f.flagged_short() ? (en ? "SHORT" : "THIẾU") : ""});
    }
    funds.print(out);
  }
  if (p.household_lists_due().year() != 0) {
    out << (en ? "household lists due " : "Hạn nộp danh sách: ")
        << format_date(p.household_lists_due());
    if (p.results_report_due().year() != 0) {
      out << (en ? "; results report due " : "; Hạn báo cáo kết quả: ")
          << format_date(p.results_report_due());
    }
    out << "\n";
  }
  out << freshness_line(p.freshness(), en) << "\n";
}

void print_lagging(std::ostream& out, const rep::LaggingUnits& lagging, bool en) {
  if (lagging.units().empty()) {
    out << (en ? "no unit is behind\n" : "không có đơn vị nào chậm\n");
  } else {
    Table table(headers(en, {"Unit", "Name", "Due", "On", "When"},
                        {"Mã", "Đơn vị", "Việc", "Hạn", "Thời hạn"}));
    for (const auto& u : lagging.units()) {
      table.add_row({u.unit_code(), u.unit_name(), deadline_label(u.deadline(), en),
                     format_date(u.due_on()), days_left_label(u.days_left(), en)});
    }
    table.print(out);
    out << lagging.units_size() << (en ? " units behind\n" : " đơn vị chưa hoàn thành\n");
  }
  out << freshness_line(lagging.freshness(), en) << "\n";
}

void print_final_report(std::ostream& out, const rep::FinalReport& r, bool en) {
  out << r.title() << "\n";
  if (!r.period().empty()) out << (en ? "period: " : "thời gian: ") << r.period() << "\n";
  for (const auto& section : r.sections()) {
    out << "\n" << section.heading() << "\n";
    Table table(headers(en, {"Item", "Count", "Amount", "Note"},
                        {"Nội dung", "Số lượng", "Số tiền", "Ghi chú"}));
    for (const auto& row : section.rows()) {
      table.add_row({row.label(), row.count() != 0 ? count(row.count()) : "",
                     row.has_amount() ? dong(row.amount()) : "", row.note()});
    }
    table.print(out);
  }
  if (r.lines_size() > 0) {
    out << "\n" << (en ? "In and out by day" : "Thu, chi theo ngày") << "\n";
    Table table(headers(en, {"Date", "Description", "In", "Out", "Balance"},
                        {"Ngày", "Nội dung", "Thu", "Chi", "Tồn"}));
    for (const auto& l : r.lines()) {
      table.add_row({format_date(l.on()), l.description(), l.in().dong() ? dong(l.in()) : "",
                     l.out().dong() ? dong(l.out()) : "", dong(l.balance())});
    }
    table.print(out);
  }
  if (!r.reconciliation().empty()) out << "\n" << r.reconciliation() << "\n";
  out << freshness_line(r.freshness(), en) << "\n";
}

void print_commendation(std::ostream& out, const rep::Commendation& c, bool en) {
  const bool mobilisers = c.kind() == rep::COMMENDATION_KIND_MOBILISERS;
  out << (mobilisers ? (en ? "mobilisers" : "Đơn vị, cá nhân vận động")
                     : (en ? "donors" : "Nhà hảo tâm"))
      << (en ? " of campaign " : " — đợt ") << c.campaign_id();
  if (!c.unit_code().empty()) out << (en ? ", unit " : ", đơn vị ") << c.unit_code();
  out << "\n";
  if (c.entries().empty()) {
    out << (en ? "nobody yet\n" : "chưa có ai\n");
  } else {
    Table table(headers(en, {"Rank", "Name", "Kind", "Unit", "Times", "Amount"},
                        {"Hạng", "Tên", "Loại", "Đơn vị", "Số lần", "Số tiền"}));
    for (const auto& e : c.entries()) {
      table.add_row({std::to_string(e.rank()), e.name(), report_word_label(e.kind(), en),
                     e.unit_code(), count(e.count()), dong(e.amount())});
    }
    table.print(out);
  }
  out << freshness_line(c.freshness(), en) << "\n";
}

void print_disclosure(std::ostream& out, const rep::Disclosure& d, bool en) {
  const bool used = d.side() == rep::DISCLOSURE_SIDE_USED;
  out << (en ? "fund " : "quỹ ") << d.fund_id();
  if (!d.fund_name().empty()) out << " — " << d.fund_name();
  out << " — " << (used ? (en ? "how it was used" : "đã sử dụng") : (en ? "received" : "đã nhận"))
      << "\n";
  if (used) {
    Table table(headers(en, {"Date", "Household", "Commune", "Support", "Amount"},
                        {"Ngày", "Hộ", "Xã", "Hỗ trợ", "Số tiền"}));
    for (const auto& e : d.used()) {
      table.add_row({format_date(e.on()), e.household(),
                     e.unit_name().empty() ? e.unit_code() : e.unit_name(), e.kind(),
                     dong(e.amount())});
    }
    table.print(out);
    out << d.used_size() << (en ? " entries\n" : " khoản\n");
  } else {
    Table table(headers(en, {"Date", "Donor", "Channel", "Amount", "Reversed"},
                        {"Ngày", "Người ủng hộ", "Hình thức", "Số tiền", "Hoàn trả"}));
    for (const auto& e : d.received()) {
      table.add_row({format_date(e.on()), e.donor(), report_word_label(e.channel(), en),
                     dong(e.amount()), e.reversed() ? (en ? "yes" : "có") : ""});
    }
    table.print(out);
    out << d.received_size() << (en ? " entries\n" : " khoản\n");
  }
  out << (en ? "total received " : "tổng đã nhận ") << dong(d.total_received())
      << (en ? ", used " : ", đã sử dụng ") << dong(d.total_used())
      << (en ? ", balance " : ", còn lại ") << dong(d.balance()) << "\n";
  if (!d.page().next_page_token().empty()) {
    out << (en ? "more: --all, or --page-token " : "còn nữa: --all, hoặc --page-token ")
        << d.page().next_page_token() << "\n";
  }
  out << freshness_line(d.freshness(), en) << "\n";
}

void print_reconciliation(std::ostream& out, const rep::Reconciliation& r, bool en) {
  out << (en ? "campaign " : "đợt ") << r.campaign_id() << (en ? ": " : ": đã so ")
      << count(r.figures_compared())
      << (en ? " figures compared with donation and allocation"
             : " số liệu với dịch vụ quỹ (donation) và dịch vụ hỗ trợ (allocation)");
  if (r.compared_at().seconds() != 0) {
    out << (en ? " at " : " lúc ") << format_time(r.compared_at());
  }
  out << "\n";
  if (r.differences().empty()) {
    out << (en ? "every figure agrees to the đồng\n" : "mọi số liệu khớp đến từng đồng\n");
  } else {
    Table table(headers(en, {"Service", "Fund", "Figure", "Theirs", "Reports", "Difference"},
                        {"Dịch vụ", "Quỹ", "Số liệu", "Bên đó", "Báo cáo", "Chênh lệch"}));
    for (const auto& d : r.differences()) {
      table.add_row({d.source(), d.fund_id(), d.figure(), dong(d.theirs()), dong(d.ours()),
                     format_dong(d.ours().dong() - d.theirs().dong())});
    }
    table.print(out);
    out << (en ? "DIFFERENCES: " : "CHÊNH LỆCH: ") << r.differences_size()
        << (en ? " figures do not agree\n" : " số liệu không khớp\n");
  }
  if (r.consumer_lag() > 0) {
    out << (en ? "note: " : "lưu ý: ") << count(r.consumer_lag())
        << (en ? " events were not yet in the reports when compared; compare again shortly\n"
               : " sự kiện chưa kịp cập nhật vào báo cáo khi so; hãy so lại sau ít phút\n");
  }
  out << freshness_line(r.freshness(), en) << "\n";
}

std::optional<rep::ExportFormat> export_format_of(const std::string& path) {
  const auto dot = path.rfind('.');
  if (dot == std::string::npos || path.find('/', dot) != std::string::npos) return std::nullopt;
  std::string ext = path.substr(dot + 1);
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (ext == "csv") return rep::EXPORT_FORMAT_CSV;
  if (ext == "xlsx") return rep::EXPORT_FORMAT_XLSX;
  return std::nullopt;
}

}  // namespace vnn::cli
