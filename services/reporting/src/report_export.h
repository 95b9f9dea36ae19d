#pragma once
// The final report as a file, rendered from the FinalReport the screen shows (so the file
// always matches what the officer saw): CSV (UTF-8 with a BOM, ';' between fields, đồng as
// "1.500.000"; see rules/report_format.h) or XLSX (libxlsxwriter: amounts as numbers with a
// thousands format so sums work in Excel, bold headings, column widths, the footer).
//
// Layout, the same in both: the title, the campaign, period and unit; each section with its
// heading and the columns Item | Count | Amount (đồng) | Note; the ledger by day with the
// columns Date | Description | In | Out | Balance and a total row; the reconciliation footer.

#include <string>

#include "rules/labels.h"
#include "vnn/reporting/v1/reporting.pb.h"

namespace vnn::reporting {

struct ExportFile {
  std::string file_name;     // "bao-cao-<campaign>-<unit>.csv"
  std::string content_type;  // "text/csv; charset=utf-8", or the XLSX type
  std::string data;
};

std::string render_csv(const v1::FinalReport& report, rules::Language language);
// Throws std::runtime_error when libxlsxwriter cannot write the workbook.
std::string render_xlsx(const v1::FinalReport& report, rules::Language language);

// CSV or XLSX; INVALID_ARGUMENT on `field` for any other format.
ExportFile export_report(const v1::FinalReport& report, v1::ExportFormat format,
                         rules::Language language, const std::string& field);

}  // namespace vnn::reporting
