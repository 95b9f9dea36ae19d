// Not written yet: each answers UNIMPLEMENTED until its handler lands.
#include "allocation_service.h"

namespace vnn::allocation {
grpc::Status AllocationServiceImpl::GetRegulation(grpc::ServerContext*,
                                                  const v1::GetRegulationRequest*,
                                                  v1::Regulation*) {
  return grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "not yet");
}
grpc::Status AllocationServiceImpl::ProposeSupport(grpc::ServerContext*,
                                                   const v1::ProposeSupportRequest*, v1::Support*) {
  return grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "not yet");
}
grpc::Status AllocationServiceImpl::ApproveSupport(grpc::ServerContext*,
                                                   const v1::ApproveSupportRequest*, v1::Support*) {
  return grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "not yet");
}
grpc::Status AllocationServiceImpl::PreviewBatchApproval(grpc::ServerContext*,
                                                         const v1::PreviewBatchApprovalRequest*,
                                                         v1::BatchPreview*) {
  return grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "not yet");
}
grpc::Status AllocationServiceImpl::ApproveBatch(grpc::ServerContext*,
                                                 const v1::ApproveBatchRequest*,
                                                 v1::ApproveBatchResponse*) {
  return grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "not yet");
}
grpc::Status AllocationServiceImpl::DisburseSupport(grpc::ServerContext*,
                                                    const v1::DisburseSupportRequest*,
                                                    v1::Support*) {
  return grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "not yet");
}
grpc::Status AllocationServiceImpl::CompleteSupport(grpc::ServerContext*,
                                                    const v1::CompleteSupportRequest*,
                                                    v1::Support*) {
  return grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "not yet");
}
grpc::Status AllocationServiceImpl::CancelSupport(grpc::ServerContext*,
                                                  const v1::CancelSupportRequest*, v1::Support*) {
  return grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "not yet");
}
grpc::Status AllocationServiceImpl::GetSupport(grpc::ServerContext*, const v1::GetSupportRequest*,
                                               v1::Support*) {
  return grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "not yet");
}
grpc::Status AllocationServiceImpl::ListSupports(grpc::ServerContext*,
                                                 const v1::ListSupportsRequest*,
                                                 v1::ListSupportsResponse*) {
  return grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "not yet");
}
grpc::Status AllocationServiceImpl::GetFundBalance(grpc::ServerContext*,
                                                   const v1::GetFundBalanceRequest*,
                                                   v1::FundBalance*) {
  return grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "not yet");
}
grpc::Status AllocationServiceImpl::ListFundBalances(grpc::ServerContext*,
                                                     const v1::ListFundBalancesRequest*,
                                                     v1::ListFundBalancesResponse*) {
  return grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "not yet");
}
grpc::Status AllocationServiceImpl::ListLedgerPostings(grpc::ServerContext*,
                                                       const v1::ListLedgerPostingsRequest*,
                                                       v1::ListLedgerPostingsResponse*) {
  return grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "not yet");
}
grpc::Status AllocationServiceImpl::VerifyLedger(grpc::ServerContext*,
                                                 const v1::VerifyLedgerRequest*,
                                                 v1::LedgerVerification*) {
  return grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "not yet");
}
grpc::Status AllocationServiceImpl::GetAllocationTotals(grpc::ServerContext*,
                                                        const v1::GetAllocationTotalsRequest*,
                                                        v1::AllocationTotals*) {
  return grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "not yet");
}
}  // namespace vnn::allocation
