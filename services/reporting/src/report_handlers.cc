// The final results report: on screen, as a file, and sent by a commune (or the district).

#include <google/protobuf/util/json_util.h>

#include <algorithm>

#include "final_report.h"
#include "policies.h"
#include "report_export.h"
#include "reporting_service.h"
#include "rules/deadlines.h"
#include "scope.h"
#include "vnn/platform/db/transaction.h"
#include "vnn/platform/errors.h"
#include "vnn/platform/proto_convert.h"
#include "vnn/platform/received_day.h"
#include "vnn/platform/rpc/read_handler.h"

namespace vnn::reporting {
namespace {

// gRPC messages stay well under the 4 MiB default; 64 KiB keeps memory per stream small.
constexpr std::size_t kChunkBytes = 64 * 1024;

// docs/errors.md, Reporting.
constexpr std::string_view kResultsReportAlreadySent = "RESULTS_REPORT_ALREADY_SENT";
// A covering note, not a document: the figures are the report.
constexpr std::size_t kMaxNoteBytes = 4000;

}  // namespace

std::optional<rules::ReconciliationFacts> ReportingServiceImpl::footer_reconciliation(
    const platform::rpc::CallContext& call, pqxx::transaction_base& tx,
    const std::string& campaign_id) const {
  try {
    v1::Reconciliation reconciliation;
    reconcile(call, tx, campaign_id, &reconciliation);
    return reconciliation_facts(reconciliation);
  } catch (const platform::Error& e) {
    // An owner away or not configured: the report is still the report, its footer says so.
    if (e.code() != platform::ErrorCode::kUnavailable &&
        e.code() != platform::ErrorCode::kFailedPrecondition &&
        e.code() != platform::ErrorCode::kInternal &&
        e.code() != platform::ErrorCode::kDeadlineExceeded) {
      throw;
    }
    return std::nullopt;
  }
}

grpc::Status ReportingServiceImpl::GetFinalReport(grpc::ServerContext* context,
                                                  const v1::GetFinalReportRequest* request,
                                                  v1::FinalReport* response) {
  return platform::rpc::read(
      context_, context, policies::kGetFinalReport, response,
      [&](platform::rpc::CallContext& call, pqxx::transaction_base& tx) {
        const auto language = report_language(request->language(), "language");
        const auto campaign = require_campaign(tx, request->campaign_id());
        const auto unit = visible_unit(call, campaign, request->unit_code());
        build_final_report(tx, context_.units(), request->campaign_id(), campaign, unit,
                           request->view(), language, response,
                           footer_reconciliation(call, tx, request->campaign_id()));
      });
}

grpc::Status ReportingServiceImpl::ExportFinalReport(grpc::ServerContext* context,
                                                     const v1::ExportFinalReportRequest* request,
                                                     grpc::ServerWriter<v1::ExportChunk>* writer) {
  return platform::rpc::query(
      context_, context, policies::kExportFinalReport, [&](platform::rpc::CallContext& call) {
        const auto& asked = request->report();
        const auto language = report_language(asked.language(), "report.language");
        if (request->format() != v1::EXPORT_FORMAT_CSV &&
            request->format() != v1::EXPORT_FORMAT_XLSX) {
          throw platform::invalid_argument(
              "format", "must be EXPORT_FORMAT_CSV or EXPORT_FORMAT_XLSX", "phải là CSV hoặc XLSX");
        }
        // The same query as GetFinalReport, so the file matches the screen.
        v1::FinalReport report;
        platform::db::with_transaction(
            call.service().pool(), call.tx_options(), [&](pqxx::transaction_base& tx) {
              report.Clear();
              const auto campaign = require_campaign(tx, asked.campaign_id());
              const auto unit = visible_unit(call, campaign, asked.unit_code());
              build_final_report(tx, context_.units(), asked.campaign_id(), campaign, unit,
                                 asked.view(), language, &report,
                                 footer_reconciliation(call, tx, asked.campaign_id()));
            });
        const auto file = export_report(report, request->format(), language, "format");
        call.audit("export", {{"campaign_id", asked.campaign_id()},
                              {"unit_code", report.unit_code()},
                              {"file_name", file.file_name},
                              {"bytes", file.data.size()}});
        std::size_t offset = 0;
        do {
          v1::ExportChunk chunk;
          if (offset == 0) {
            chunk.set_file_name(file.file_name);
            chunk.set_content_type(file.content_type);
          }
          const auto size = std::min(kChunkBytes, file.data.size() - offset);
          chunk.set_data(file.data.substr(offset, size));
          offset += size;
          if (!writer->Write(chunk)) return;  // the caller went away
        } while (offset < file.data.size());
      });
}

grpc::Status ReportingServiceImpl::SubmitResultsReport(
    grpc::ServerContext* context, const v1::SubmitResultsReportRequest* request,
    v1::ResultsReportReceipt* response) {
  return platform::rpc::mutation(
      context_, context, policies::kSubmitResultsReport, request->request_id(), *request, response,
      [&](platform::rpc::CallContext& call, pqxx::transaction_base& tx) {
        if (request->note().size() > kMaxNoteBytes) {
          throw platform::invalid_argument("note", "is longer than 4000 bytes",
                                           "dài quá 4000 byte");
        }
        const auto campaign = require_campaign(tx, request->campaign_id());
        const auto unit = visible_unit(call, campaign, request->unit_code());
        // Lateness is judged on the day the district office received the paper report.
        const auto received =
            platform::received_day(platform::optional_date(request->received_on(), "received_on"),
                                   campaign.starts_on, platform::Date::today_in_vietnam());
        // The figures as they are now, from the one progress query.
        v1::CampaignProgress progress;
        load_progress(tx, context_.units(), request->campaign_id(), campaign, unit,
                      v1::UNIT_VIEW_AS_OF_THEN, &progress);
        std::string snapshot;
        google::protobuf::util::JsonPrintOptions options;
        options.preserve_proto_field_names = false;
        if (!google::protobuf::util::MessageToJsonString(progress, &snapshot, options).ok()) {
          throw std::runtime_error("cannot write the progress snapshot as JSON");
        }
        const auto now = std::chrono::system_clock::now();
        const auto seconds =
            std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
        const bool late =
            campaign.results_report_due && rules::is_late(received, *campaign.results_report_due);
        const auto& subject = call.principal().subject;
        if (tx.exec_prepared("results_report_insert", request->campaign_id(), unit, subject,
                             seconds, late, request->note(), snapshot, received.iso())
                .empty()) {
          const auto first = tx.exec_prepared1("results_report_get", request->campaign_id(), unit);
          const auto at = rules::vietnam_time(
              std::chrono::system_clock::time_point{
                  std::chrono::seconds(first[1].as<std::int64_t>())},
              rules::Language::kVietnamese);
          throw platform::Error(platform::ErrorCode::kAlreadyExists,
                                "unit " + unit +
                                    " has already sent its results report for "
                                    "campaign " +
                                    request->campaign_id(),
                                "unit_code")
              .with_reason(kResultsReportAlreadySent)
              .with_vietnamese("Đơn vị " + progress.total().unit_name() +
                               " đã gửi báo cáo kết quả của đợt vận động này lúc " + at)
              .with_subject("results_report/" + request->campaign_id() + "/" + unit);
        }
        response->set_campaign_id(request->campaign_id());
        response->set_unit_code(unit);
        response->set_submitted_by(subject);
        response->mutable_submitted_at()->set_seconds(seconds);
        response->set_late(late);
        platform::to_proto(received, response->mutable_received_on());
        *response->mutable_freshness() = progress.freshness();
        // The day claimed, beside who entered it and when (the entry's own): a back-dated report
        // shows here.
        call.audit("results_report", {{"campaign_id", request->campaign_id()},
                                      {"unit_code", unit},
                                      {"late", late},
                                      {"received_on", received.iso()},
                                      {"events_applied", progress.freshness().events_applied()}});
      });
}

}  // namespace vnn::reporting
