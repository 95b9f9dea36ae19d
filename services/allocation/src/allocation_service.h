#pragma once
// gRPC handlers of vnn.allocation.v1.AllocationService. Each passes through the platform's
// request pipeline (authentication, roles, idempotency, audit); SQL is in statements.cc.

#include "allocation_metrics.h"
#include "allocation_settings.h"
#include "eligibility_client.h"
#include "fund_ledger.h"
#include "support_rows.h"
#include "vnn/allocation/v1/allocation.grpc.pb.h"
#include "vnn/platform/rpc/call_context.h"
#include "vnn/platform/rpc/service_context.h"

namespace vnn::allocation {

class AllocationServiceImpl final : public v1::AllocationService::Service {
 public:
  AllocationServiceImpl(platform::rpc::ServiceContext& context, const AllocationSettings& settings)
      : context_(context),
        eligibility_(context, settings.household_review),
        ledger_(context.outbox()),
        metrics_(context) {}

  grpc::Status GetRegulation(grpc::ServerContext*, const v1::GetRegulationRequest*,
                             v1::Regulation*) override;

  // Decisions (support_handlers.cc, approval_handlers.cc)
  grpc::Status ProposeSupport(grpc::ServerContext*, const v1::ProposeSupportRequest*,
                              v1::Support*) override;
  grpc::Status ApproveSupport(grpc::ServerContext*, const v1::ApproveSupportRequest*,
                              v1::Support*) override;
  grpc::Status PreviewBatchApproval(grpc::ServerContext*, const v1::PreviewBatchApprovalRequest*,
                                    v1::BatchPreview*) override;
  grpc::Status ApproveBatch(grpc::ServerContext*, const v1::ApproveBatchRequest*,
                            v1::ApproveBatchResponse*) override;
  grpc::Status DisburseSupport(grpc::ServerContext*, const v1::DisburseSupportRequest*,
                               v1::Support*) override;
  grpc::Status CompleteSupport(grpc::ServerContext*, const v1::CompleteSupportRequest*,
                               v1::Support*) override;
  grpc::Status CancelSupport(grpc::ServerContext*, const v1::CancelSupportRequest*,
                             v1::Support*) override;
  grpc::Status GetSupport(grpc::ServerContext*, const v1::GetSupportRequest*,
                          v1::Support*) override;
  grpc::Status ListSupports(grpc::ServerContext*, const v1::ListSupportsRequest*,
                            v1::ListSupportsResponse*) override;

  // Ledger (ledger_handlers.cc)
  grpc::Status GetFundBalance(grpc::ServerContext*, const v1::GetFundBalanceRequest*,
                              v1::FundBalance*) override;
  grpc::Status ListFundBalances(grpc::ServerContext*, const v1::ListFundBalancesRequest*,
                                v1::ListFundBalancesResponse*) override;
  grpc::Status ListLedgerPostings(grpc::ServerContext*, const v1::ListLedgerPostingsRequest*,
                                  v1::ListLedgerPostingsResponse*) override;
  grpc::Status VerifyLedger(grpc::ServerContext*, const v1::VerifyLedgerRequest*,
                            v1::LedgerVerification*) override;
  grpc::Status GetAllocationTotals(grpc::ServerContext*, const v1::GetAllocationTotalsRequest*,
                                   v1::AllocationTotals*) override;

 private:
  // Approves one locked, proposed support: eligibility asked again, maker–checker, every fund
  // part reserved (all or none: a refusal throws and the transaction rolls back). Returns the
  // support's new version.
  std::int64_t approve_locked(platform::rpc::CallContext& call, pqxx::transaction_base& tx,
                              const SupportRow& support, const std::string& note) const;

  platform::rpc::ServiceContext& context_;
  EligibilityClient eligibility_;
  FundLedger ledger_;
  AllocationMetrics metrics_;
};

}  // namespace vnn::allocation
