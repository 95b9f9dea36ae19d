#pragma once
// gRPC handlers of vnn.reporting.v1.ReportingService. Each passes through the platform's
// request pipeline (authentication, roles, audit); SQL is in statements.cc.

#include <optional>

#include "progress_hub.h"
#include "reporting_settings.h"
#include "rules/report_format.h"
#include "vnn/platform/rpc/call_context.h"
#include "vnn/platform/rpc/service_context.h"
#include "vnn/reporting/v1/reporting.grpc.pb.h"

namespace vnn::reporting {

class ReportingServiceImpl final : public v1::ReportingService::Service {
 public:
  ReportingServiceImpl(platform::rpc::ServiceContext& context, const ReportingSettings& settings,
                       ProgressHub& hub)
      : context_(context), settings_(settings), hub_(hub) {}

  // Progress (progress_handlers.cc)
  grpc::Status GetCampaignProgress(grpc::ServerContext*, const v1::GetCampaignProgressRequest*,
                                   v1::CampaignProgress*) override;
  grpc::Status WatchCampaignProgress(grpc::ServerContext*, const v1::WatchCampaignProgressRequest*,
                                     grpc::ServerWriter<v1::CampaignProgress>*) override;
  grpc::Status ListLaggingUnits(grpc::ServerContext*, const v1::ListLaggingUnitsRequest*,
                                v1::LaggingUnits*) override;

  // The final report (report_handlers.cc)
  grpc::Status GetFinalReport(grpc::ServerContext*, const v1::GetFinalReportRequest*,
                              v1::FinalReport*) override;
  grpc::Status ExportFinalReport(grpc::ServerContext*, const v1::ExportFinalReportRequest*,
                                 grpc::ServerWriter<v1::ExportChunk>*) override;
  grpc::Status SubmitResultsReport(grpc::ServerContext*, const v1::SubmitResultsReportRequest*,
                                   v1::ResultsReportReceipt*) override;

  // Commendation, disclosure, reconciliation (commendation_handlers.cc, disclosure_handlers.cc,
  // reconcile_handlers.cc)
  grpc::Status GetCommendation(grpc::ServerContext*, const v1::GetCommendationRequest*,
                               v1::Commendation*) override;
  grpc::Status GetDisclosure(grpc::ServerContext*, const v1::GetDisclosureRequest*,
                             v1::Disclosure*) override;
  grpc::Status Reconcile(grpc::ServerContext*, const v1::ReconcileRequest*,
                         v1::Reconciliation*) override;

 private:
  // Asks the owning services for their totals and compares them with the read models
  // (reconcile_handlers.cc): Reconcile's answer, and the final report's footer.
  void reconcile(const platform::rpc::CallContext& call, pqxx::transaction_base& tx,
                 const std::string& campaign_id, v1::Reconciliation* out) const;
  // The reconciliation the report's footer states; nullopt when an owner cannot answer now
  // (the footer then says the figures are not reconciled yet).
  std::optional<rules::ReconciliationFacts> footer_reconciliation(
      const platform::rpc::CallContext& call, pqxx::transaction_base& tx,
      const std::string& campaign_id) const;

  platform::rpc::ServiceContext& context_;
  const ReportingSettings& settings_;
  ProgressHub& hub_;
};

}  // namespace vnn::reporting
