// Not written yet: each answers UNIMPLEMENTED until its handler lands.
#include "reporting_service.h"

namespace vnn::reporting {
grpc::Status ReportingServiceImpl::ListLaggingUnits(grpc::ServerContext*,
                                                    const v1::ListLaggingUnitsRequest*,
                                                    v1::LaggingUnits*) {
  return grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "not yet");
}
grpc::Status ReportingServiceImpl::GetFinalReport(grpc::ServerContext*,
                                                  const v1::GetFinalReportRequest*,
                                                  v1::FinalReport*) {
  return grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "not yet");
}
grpc::Status ReportingServiceImpl::ExportFinalReport(grpc::ServerContext*,
                                                     const v1::ExportFinalReportRequest*,
                                                     grpc::ServerWriter<v1::ExportChunk>*) {
  return grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "not yet");
}
grpc::Status ReportingServiceImpl::SubmitResultsReport(grpc::ServerContext*,
                                                       const v1::SubmitResultsReportRequest*,
                                                       v1::ResultsReportReceipt*) {
  return grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "not yet");
}
grpc::Status ReportingServiceImpl::GetCommendation(grpc::ServerContext*,
                                                   const v1::GetCommendationRequest*,
                                                   v1::Commendation*) {
  return grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "not yet");
}
grpc::Status ReportingServiceImpl::GetDisclosure(grpc::ServerContext*,
                                                 const v1::GetDisclosureRequest*, v1::Disclosure*) {
  return grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "not yet");
}
grpc::Status ReportingServiceImpl::Reconcile(grpc::ServerContext*, const v1::ReconcileRequest*,
                                             v1::Reconciliation*) {
  return grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "not yet");
}
}  // namespace vnn::reporting
