#include "report_export.h"

#include <unistd.h>
#include <xlsxwriter.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <stdexcept>
#include <vector>

#include "rules/report_format.h"
#include "vnn/platform/errors.h"
#include "vnn/platform/proto_convert.h"

namespace vnn::reporting {
namespace {

using rules::csv_field;
using rules::csv_text;
using rules::Language;
using rules::report_text;

std::string unit_line(const v1::FinalReport& report) {
  const auto& total = report.progress().total();
  return total.unit_name() + " (" + report.unit_code() + ")";
}

std::string file_stem(const v1::FinalReport& report) {
  std::string stem = "bao-cao-" + report.campaign_id() + "-" + report.unit_code();
  // Only characters every file system and Content-Disposition take.
  for (auto& c : stem) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       c == '-' || c == '_' || c == '.';
    if (!plain) c = '_';
  }
  return stem;
}

// ---- CSV

std::string money_field(const common::v1::Money& money) { return rules::format_dong(money.dong()); }

}  // namespace

std::string render_csv(const v1::FinalReport& report, Language language) {
  using rules::csv_row;
  std::string out(rules::kUtf8Bom);
  out += csv_row({csv_text(report.title())});
  out += csv_row({csv_field(report_text("label.campaign", language)),
                  csv_text(report.progress().campaign_name())});
  out += csv_row({csv_field(report_text("label.period", language)), csv_field(report.period())});
  out += csv_row({csv_field(report_text("label.unit", language)), csv_text(unit_line(report))});
  for (const auto& section : report.sections()) {
    out += csv_row({});
    out += csv_row({csv_field(section.heading())});
    out += csv_row({csv_field(report_text("col.item", language)),
                    csv_field(report_text("col.count", language)),
                    csv_field(report_text("col.amount", language)),
                    csv_field(report_text("col.note", language))});
    for (const auto& row : section.rows()) {
      const bool count = row.count() != 0 || !row.has_amount();
      out += csv_row({csv_text(row.label()), count ? std::to_string(row.count()) : std::string(),
                      row.has_amount() ? money_field(row.amount()) : std::string(),
                      csv_text(row.note())});
    }
  }
  out += csv_row({});
  out += csv_row({csv_field(report_text("section.ledger", language))});
  out += csv_row({csv_field(report_text("col.date", language)),
                  csv_field(report_text("col.description", language)),
                  csv_field(report_text("col.in", language)),
                  csv_field(report_text("col.out", language)),
                  csv_field(report_text("col.balance", language))});
  std::int64_t in = 0, out_total = 0, balance = 0;
  for (const auto& line : report.lines()) {
    out += csv_row({platform::from_proto(line.on()).vietnamese(), csv_text(line.description()),
                    money_field(line.in()), money_field(line.out()), money_field(line.balance())});
    in += line.in().dong();
    out_total += line.out().dong();
    balance = line.balance().dong();
  }
  out += csv_row({csv_field(report_text("total", language)), std::string(), rules::format_dong(in),
                  rules::format_dong(out_total), rules::format_dong(balance)});
  out += csv_row({});
  out += csv_row({csv_field(report_text("footer", language)), csv_text(report.reconciliation())});
  return out;
}

// ---- XLSX

namespace {

// A workbook written to a temporary file (libxlsxwriter 1.1 writes only to files), read back
// and removed.
class TempFile {
 public:
  TempFile() : directory_(std::filesystem::temp_directory_path().string()) {
    path_ = (std::filesystem::path(directory_) / "vnn-report-XXXXXX").string();
    const int fd = ::mkstemp(path_.data());
    if (fd < 0) throw std::runtime_error("cannot create a temporary file for the workbook");
    ::close(fd);
  }
  ~TempFile() { std::remove(path_.c_str()); }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  const std::string& path() const { return path_; }
  // The directory ($TMPDIR, else /tmp), for libxlsxwriter's own temporary files too: a
  // container with a read-only root needs one writable directory only.
  std::string& directory() { return directory_; }
  std::string read() const {
    std::ifstream in(path_, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  }

 private:
  std::string directory_;
  std::string path_;
};

std::string cell(int row, int col) {
  std::string name(1, static_cast<char>('A' + col));
  return name + std::to_string(row + 1);
}

class Sheet {
 public:
  explicit Sheet(lxw_workbook* book) {
    sheet_ = workbook_add_worksheet(book, "Báo cáo");
    if (sheet_ == nullptr) throw std::runtime_error("cannot add the worksheet");
    title_ = workbook_add_format(book);
    format_set_bold(title_);
    format_set_font_size(title_, 14);
    bold_ = workbook_add_format(book);
    format_set_bold(bold_);
    heading_ = workbook_add_format(book);
    format_set_bold(heading_);
    format_set_bottom(heading_, LXW_BORDER_THIN);
    format_set_bg_color(heading_, 0xDDEBF7);
    format_set_text_wrap(heading_);
    number_ = workbook_add_format(book);
    // Excel shows the grouping separator of the reader's locale: 1.500.000 in Vietnam.
    format_set_num_format(number_, "#,##0");
    total_ = workbook_add_format(book);
    format_set_num_format(total_, "#,##0");
    format_set_bold(total_);
    format_set_top(total_, LXW_BORDER_THIN);
    date_ = workbook_add_format(book);
    format_set_num_format(date_, "dd/mm/yyyy");
    format_set_align(date_, LXW_ALIGN_LEFT);
    wrap_ = workbook_add_format(book);
    format_set_text_wrap(wrap_);
    format_set_align(wrap_, LXW_ALIGN_VERTICAL_TOP);
    worksheet_set_column(sheet_, 0, 0, 46, nullptr);
    worksheet_set_column(sheet_, 1, 1, 26, nullptr);
    worksheet_set_column(sheet_, 2, 4, 20, nullptr);
  }

  void text(int col, const std::string& value, lxw_format* format = nullptr) {
    if (!value.empty()) worksheet_write_string(sheet_, row(), col, value.c_str(), format);
  }
  void number(int col, std::int64_t value, lxw_format* format) {
    worksheet_write_number(sheet_, row(), col, static_cast<double>(value), format);
  }
  void date(int col, const common::v1::Date& on) {
    lxw_datetime when{on.year(), on.month(), on.day(), 0, 0, 0};
    worksheet_write_datetime(sheet_, row(), col, &when, date_);
  }
  // =SUM over the column's rows [first, last), with its value for readers that do not compute.
  void sum(int col, int first, int last, std::int64_t value) {
    const std::string formula = "=SUM(" + cell(first, col) + ":" + cell(last - 1, col) + ")";
    worksheet_write_formula_num(sheet_, row(), col, formula.c_str(), total_,
                                static_cast<double>(value));
  }
  void footer(const std::string& label, const std::string& value) {
    text(0, label, bold_);
    worksheet_merge_range(sheet_, row(), 1, row(), 4, value.c_str(), wrap_);
    worksheet_set_row(sheet_, row(), 60, nullptr);
  }
  void next(int rows = 1) { row_ += rows; }
  int row() const { return row_; }

  lxw_format *title_, *bold_, *heading_, *number_, *total_, *date_, *wrap_;

 private:
  lxw_worksheet* sheet_;
  int row_ = 0;
};

}  // namespace

std::string render_xlsx(const v1::FinalReport& report, Language language) {
  TempFile file;
  lxw_workbook_options options{};
  options.constant_memory = LXW_FALSE;
  options.tmpdir = file.directory().data();
  options.use_zip64 = LXW_FALSE;
  lxw_workbook* book = workbook_new_opt(file.path().c_str(), &options);
  if (book == nullptr) throw std::runtime_error("cannot create the workbook");
  {
    Sheet s(book);
    s.text(0, report.title(), s.title_);
    s.next();
    s.text(0, report_text("label.campaign", language), s.bold_);
    s.text(1, report.progress().campaign_name());
    s.next();
    s.text(0, report_text("label.period", language), s.bold_);
    s.text(1, report.period());
    s.next();
    s.text(0, report_text("label.unit", language), s.bold_);
    s.text(1, unit_line(report));
    s.next();
    for (const auto& section : report.sections()) {
      s.next();
      s.text(0, section.heading(), s.bold_);
      s.next();
      s.text(0, report_text("col.item", language), s.heading_);
      s.text(1, report_text("col.count", language), s.heading_);
      s.text(2, report_text("col.amount", language), s.heading_);
      s.text(3, report_text("col.note", language), s.heading_);
      s.next();
      for (const auto& row : section.rows()) {
        s.text(0, row.label());
        if (row.count() != 0 || !row.has_amount()) s.number(1, row.count(), s.number_);
        if (row.has_amount()) s.number(2, row.amount().dong(), s.number_);
        s.text(3, row.note());
        s.next();
      }
    }
    s.next();
    s.text(0, report_text("section.ledger", language), s.bold_);
    s.next();
    s.text(0, report_text("col.date", language), s.heading_);
    s.text(1, report_text("col.description", language), s.heading_);
    s.text(2, report_text("col.in", language), s.heading_);
    s.text(3, report_text("col.out", language), s.heading_);
    s.text(4, report_text("col.balance", language), s.heading_);
    s.next();
    const int first = s.row();
    std::int64_t in = 0, out = 0, balance = 0;
    for (const auto& line : report.lines()) {
      s.date(0, line.on());
      s.text(1, line.description());
      s.number(2, line.in().dong(), s.number_);
      s.number(3, line.out().dong(), s.number_);
      s.number(4, line.balance().dong(), s.number_);
      in += line.in().dong();
      out += line.out().dong();
      balance = line.balance().dong();
      s.next();
    }
    s.text(0, report_text("total", language), s.bold_);
    if (s.row() > first) {
      s.sum(2, first, s.row(), in);
      s.sum(3, first, s.row(), out);
    } else {
      s.number(2, 0, s.total_);
      s.number(3, 0, s.total_);
    }
    s.number(4, balance, s.total_);
    s.next(2);
    s.footer(report_text("footer", language), report.reconciliation());
  }
  if (const auto error = workbook_close(book); error != LXW_NO_ERROR) {
    throw std::runtime_error(std::string("cannot write the workbook: ") + lxw_strerror(error));
  }
  return file.read();
}

ExportFile export_report(const v1::FinalReport& report, v1::ExportFormat format, Language language,
                         const std::string& field) {
  switch (format) {
    case v1::EXPORT_FORMAT_CSV:
      return {file_stem(report) + ".csv", "text/csv; charset=utf-8", render_csv(report, language)};
    case v1::EXPORT_FORMAT_XLSX:
      return {file_stem(report) + ".xlsx",
              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
              render_xlsx(report, language)};
    default:
      throw platform::invalid_argument(field, "must be EXPORT_FORMAT_CSV or EXPORT_FORMAT_XLSX",
                                       "phải là CSV hoặc XLSX");
  }
}

}  // namespace vnn::reporting
