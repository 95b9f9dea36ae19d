#pragma once
// How the report commands word what the reporting service returns: the tables officers read in
// Vietnamese (English with --lang en), how fresh each figure is, days to or past a deadline, and
// the file an exported report goes to.

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>

#include "vnn/reporting/v1/reporting.pb.h"

namespace vnn::cli {

namespace rep = reporting::v1;

// The words the reporting service uses for channels, donor kinds and mobiliser kinds, as
// officers say them; any other text is shown as it is.
std::string report_word_label(const std::string& word, bool english);
std::string deadline_label(rep::Deadline deadline, bool english);
// "còn 3 ngày", "hôm nay", "quá 5 ngày" (3 days left, today, 5 days late).
std::string days_left_label(std::int32_t days_left, bool english);
// What share of the target the received cash is: "62%"; empty without a target.
std::string target_share(const rep::UnitProgress& unit);
// "số liệu đến sự kiện thứ 1.204 (xảy ra 01/03/2024 08:00, cập nhật 01/03/2024 08:00)".
std::string freshness_line(const rep::Freshness& freshness, bool english);

// A campaign's progress for a unit: the unit's total and the units below it, its funds, the
// deadlines and how fresh it is. `report progress` and each snapshot of `report watch`.
void print_progress(std::ostream& out, const rep::CampaignProgress& progress, bool english);
void print_lagging(std::ostream& out, const rep::LaggingUnits& lagging, bool english);
void print_final_report(std::ostream& out, const rep::FinalReport& report, bool english);
void print_commendation(std::ostream& out, const rep::Commendation& commendation, bool english);
void print_disclosure(std::ostream& out, const rep::Disclosure& disclosure, bool english);
// The differences, or that every figure agrees.
void print_reconciliation(std::ostream& out, const rep::Reconciliation& reconciliation,
                          bool english);

// The export format a file name asks for (.csv or .xlsx, any case); nullopt for another.
std::optional<rep::ExportFormat> export_format_of(const std::string& path);

}  // namespace vnn::cli
