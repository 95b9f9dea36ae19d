#include "import_target.h"

#include "donation_checks.h"
#include "donation_service.h"
#include "rules/fund_scope.h"
#include "vnn/platform/errors.h"
#include "vnn/platform/import/csv_stream.h"
#include "vnn/platform/proto_convert.h"
#include "vnn/platform/text/identifiers.h"
#include "vnn/platform/text/row_problem_codes.h"
#include "vnn/platform/text/text.h"

namespace vnn::donation {

using platform::invalid_argument;
namespace text = platform::text;

std::optional<std::int64_t> parse_import_amount(const std::string& text) {
  if (text.empty() || text.size() > 15) return std::nullopt;
  std::int64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

std::optional<std::int64_t> import_amount(const text::CsvRecord& record, std::int64_t max_amount,
                                          text::RowProblem& problem) {
  auto amount = parse_import_amount(record.fields[2]);
  if (amount && *amount > 0 && *amount <= max_amount) return amount;
  problem = {record.line, "amount_dong", text::kInvalidValue,
             "must be a whole positive number of đồng, at most " + std::to_string(max_amount)};
  return std::nullopt;
}

void reject_import_row(v1::ImportReport& report, const text::RowProblem& problem,
                       const text::ImportLimits& limits) {
  report.set_rejected(report.rejected() + 1);
  platform::import::list_problem(*report.mutable_problems(), problem, limits.max_problems_listed);
}

ImportTarget check_import_header(pqxx::transaction_base& tx, platform::rpc::CallContext& call,
                                 const v1::ImportHeader& h) {
  ImportTarget target{.header = h};
  if (h.format() != v1::IMPORT_FORMAT_PAYROLL && h.format() != v1::IMPORT_FORMAT_BANK_STATEMENT) {
    throw invalid_argument("header.format", "is required");
  }
  auto fund = tx.exec_prepared("fund_get", h.fund_id());
  if (h.fund_id().empty() || fund.empty()) throw invalid_argument("header.fund_id", "unknown fund");
  target.unit_code = fund[0][0].c_str();
  const auto& who = call.principal();
  if (h.format() == v1::IMPORT_FORMAT_BANK_STATEMENT) {
    rules::require_may_import_statement(who);
    auto account = text::normalize_bank_account_number(h.bank_account_number());
    if (!account) {
      throw invalid_argument("header.bank_account_number",
                             "is not an account of fund " + h.fund_id());
    }
    // A closed account's statement still reconciles what it took before its closing day.
    target.account_closed_on =
        account_closed_on(tx, h.fund_id(), *account, "header.bank_account_number");
    target.account = *account;
    rules::require_fund_scope(who, call.service().units(), target.unit_code,
                              call.service().units().reference_date(target.unit_code),
                              "header.fund_id");
    return target;
  }
  v1::Campaign campaign;
  if (h.campaign_id().empty() || !load_campaign(tx, h.campaign_id(), &campaign)) {
    throw invalid_argument("header.campaign_id", "unknown campaign");
  }
  if (tx.exec_prepared("campaign_has_fund", h.campaign_id(), h.fund_id()).empty()) {
    throw invalid_argument("header.fund_id", "does not take part in campaign " + h.campaign_id());
  }
  target.received_on = platform::from_proto(h.received_on());
  const auto starts = platform::from_proto(campaign.starts_on());
  const auto ends = platform::from_proto(campaign.ends_on());
  if (!target.received_on.valid() || target.received_on < starts || ends < target.received_on) {
    throw invalid_argument("header.received_on", "must be a date within the campaign's period");
  }
  if (h.mobiliser_id().empty() || tx.exec_prepared("agency_exists", h.mobiliser_id()).empty()) {
    throw invalid_argument("header.mobiliser_id",
                           "name the agency that collected the list (a mobiliser of kind agency)");
  }
  if (text::check_text(h.list_reference(), 200, true) != text::TextProblem::kNone) {
    throw invalid_argument("header.list_reference", "is required (at most 200 characters)");
  }
  rules::require_payroll_list_scope(who, call.service().units(), h.mobiliser_id(), target.unit_code,
                                    target.received_on, "header.fund_id");
  return target;
}

}  // namespace vnn::donation
