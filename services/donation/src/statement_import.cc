#include "statement_import.h"

#include <set>

#include "vnn/platform/db/arrays.h"
#include "vnn/platform/db/transaction.h"
#include "vnn/platform/proto_convert.h"
#include "vnn/platform/text/row_problem_codes.h"

namespace vnn::donation {
namespace {

namespace text = platform::text;

constexpr int kMaxUnmatchedListed = 1000;

text::CsvFormat statement_format() {
  return {.columns = {"date", "reference", "amount_dong", "description"}};
}

// "2024-03-15" or "15/03/2024", as banks print them.
std::optional<platform::Date> parse_statement_date(const std::string& text) {
  if (auto iso = platform::Date::parse_iso(text)) return iso;
  if (text.size() == 10 && text[2] == '/' && text[5] == '/') {
    return platform::Date::parse_iso(text.substr(6, 4) + "-" + text.substr(3, 2) + "-" +
                                     text.substr(0, 2));
  }
  return std::nullopt;
}

}  // namespace

StatementImport::StatementImport(platform::rpc::CallContext& call, std::int64_t max_amount,
                                 ImportTarget target, v1::ImportReport* report)
    : call_(call),
      max_amount_(max_amount),
      target_(std::move(target)),
      report_(report),
      frame_(statement_format(), call.service().import_limits(),
             [this](const text::CsvRecord& r, const text::RowProblem* p) { row(r, p); }) {}

void StatementImport::reject(const text::RowProblem& problem) {
  reject_import_row(*report_, problem, frame_.limits());
}

void StatementImport::row(const text::CsvRecord& record, const text::RowProblem* problem) {
  report_->set_rows(frame_.rows());
  if (problem) return reject(*problem);
  text::RowProblem amount_problem;
  const auto amount = import_amount(record, max_amount_, amount_problem);
  if (!amount) return reject(amount_problem);
  auto date = parse_statement_date(record.fields[0]);
  if (!date) {
    return reject(
        {record.line, "date", text::kInvalidValue, "is not a date (YYYY-MM-DD or dd/mm/yyyy)"});
  }
  if (target_.account_closed_on && *date >= *target_.account_closed_on) {
    return reject({record.line, "date", text::kAccountClosed,
                   "is on or after " + target_.account_closed_on->iso() +
                       ", when the account was closed: it takes no transfer"});
  }
  if (record.fields[1].empty()) {
    return reject({record.line, "reference", text::kRequired, "is required"});
  }
  v1::UnmatchedLine line;
  line.set_line(record.line);
  line.set_reference(record.fields[1]);
  line.mutable_amount()->set_dong(*amount);
  platform::to_proto(*date, line.mutable_date());
  line.set_description(record.fields[3]);
  lines_.push_back(std::move(line));
  if (lines_.size() >= kImportBatchRows) flush();
}

void StatementImport::finish() {
  flush();
  call_.audit("rows", report_->rows());
  call_.audit("recorded", report_->recorded());
  call_.audit("rejected", report_->rejected());
  call_.audit("recorded_dong", report_->recorded_amount().dong());
}

void StatementImport::flush() {
  if (lines_.empty()) return;
  std::vector<std::string> references;
  for (const auto& line : lines_) references.push_back(line.reference());
  std::set<std::string> known;
  platform::db::with_transaction(
      call_.service().pool(), call_.import_tx_options(), [&](pqxx::transaction_base& tx) {
        known.clear();
        for (const auto& r : tx.exec_prepared("statement_known_references", target_.account,
                                              platform::db::text_array(references))) {
          known.insert(r[0].c_str());
        }
      });
  for (auto& line : lines_) {
    if (known.count(line.reference()) > 0) {
      report_->set_matched(report_->matched() + 1);
    } else if (report_->unmatched_size() < kMaxUnmatchedListed) {
      *report_->add_unmatched() = std::move(line);
    }
  }
  lines_.clear();
}

}  // namespace vnn::donation
