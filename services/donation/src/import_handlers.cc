// Bulk intake: an agency's payroll list (payroll_import.h) or a fund account's bank statement
// (statement_import.h), streamed as CSV through the platform's import frame.

#include "donation_service.h"
#include "import_target.h"
#include "payroll_import.h"
#include "statement_import.h"
#include "vnn/platform/db/transaction.h"
#include "vnn/platform/import/csv_stream.h"

namespace vnn::donation {

grpc::Status DonationServiceImpl::ImportDonations(grpc::ServerContext* context,
                                                  grpc::ServerReader<v1::ImportChunk>* reader,
                                                  v1::ImportReport* response) {
  using platform::rpc::CallContext;
  return platform::import::stream_csv<v1::ImportChunk>(
      context_, context, reader, policies::kImportDonations,
      [&](CallContext& call,
          const v1::ImportChunk& first) -> std::unique_ptr<platform::import::CsvImporter> {
        const auto& header = first.header();
        ImportTarget target;
        platform::db::with_transaction(
            context_.pool(), call.tx_options(),
            [&](pqxx::transaction_base& tx) { target = check_import_header(tx, call, header); });
        call.audit("format", v1::ImportFormat_Name(header.format()));
        call.audit("fund_id", header.fund_id());
        if (header.format() == v1::IMPORT_FORMAT_PAYROLL) {
          return std::make_unique<PayrollImport>(call, donors_, settings_.max_amount_dong,
                                                 std::move(target), payroll_writers_, receipts_,
                                                 response);
        }
        return std::make_unique<StatementImport>(call, settings_.max_amount_dong, std::move(target),
                                                 response);
      },
      [](const v1::ImportChunk& chunk) -> std::string_view { return chunk.csv(); });
}

}  // namespace vnn::donation
