// Not written yet: each answers UNIMPLEMENTED until its handler lands.
#include "reporting_service.h"

namespace vnn::reporting {
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
