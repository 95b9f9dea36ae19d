#pragma once
// What a donation import (payroll list or bank statement) learns from its header, checked once
// against the database and the caller's rights, and the row checks both formats share.

#include <cstdint>
#include <optional>
#include <pqxx/pqxx>
#include <string>

#include "vnn/donation/v1/donation.pb.h"
#include "vnn/platform/date.h"
#include "vnn/platform/rpc/call_context.h"
#include "vnn/platform/text/csv_import.h"

namespace vnn::donation {

struct ImportTarget {
  v1::ImportHeader header;
  std::string unit_code;
  platform::Date received_on;
  std::string account;
  std::optional<platform::Date> account_closed_on;  // statement: a closed account takes nothing
};

// Throws INVALID_ARGUMENT or PERMISSION_DENIED when the header names what does not exist or
// what the caller may not import into.
ImportTarget check_import_header(pqxx::transaction_base& tx, platform::rpc::CallContext& call,
                                 const v1::ImportHeader& header);

// Rows a format collects before it writes or looks them up.
inline constexpr std::size_t kImportBatchRows = 5000;

// A whole positive number of đồng from a row's amount_dong, nothing when it is not one.
std::optional<std::int64_t> parse_import_amount(const std::string& text);
// The row's amount_dong (both formats' third column) when it is a whole number of đồng from 1
// to `max_amount`; otherwise the row's problem, in `problem`.
std::optional<std::int64_t> import_amount(const platform::text::CsvRecord& record,
                                          std::int64_t max_amount,
                                          platform::text::RowProblem& problem);

// Counts a refused row in `report` and lists it while the report has room.
void reject_import_row(v1::ImportReport& report, const platform::text::RowProblem& problem,
                       const platform::text::ImportLimits& limits);

}  // namespace vnn::donation
