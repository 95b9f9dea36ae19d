#include "owner_totals.h"

#include "vnn/platform/errors.h"

namespace vnn::reporting {
namespace {

platform::Error not_configured(const std::string& peer) {
  return platform::failed_precondition("cannot reconcile: no " + peer + " service is configured")
      .with_reason("DEPENDENCY_NOT_CONFIGURED")
      .with_vietnamese("Không thể đối soát: chưa cấu hình dịch vụ " + peer);
}

void bound(grpc::ClientContext& call,
           std::optional<std::chrono::system_clock::time_point> caller_deadline) {
  if (caller_deadline && *caller_deadline < call.deadline()) call.set_deadline(*caller_deadline);
}

}  // namespace

OwnerTotals::OwnerTotals(const platform::rpc::ServiceContext& context,
                         const ReportingSettings& settings)
    : donation_(context, "donation", settings.donation),
      allocation_(context, "allocation", settings.allocation) {
  if (donation_.configured()) {
    donation_stub_ = donation::v1::DonationService::NewStub(donation_.channel());
  }
  if (allocation_.configured()) {
    allocation_stub_ = allocation::v1::AllocationService::NewStub(allocation_.channel());
  }
}

donation::v1::CampaignTotals OwnerTotals::donation(
    const std::string& campaign_id,
    std::optional<std::chrono::system_clock::time_point> caller_deadline) const {
  if (!donation_stub_) throw not_configured("donation");
  const auto call = donation_.context();
  bound(*call, caller_deadline);
  donation::v1::GetCampaignTotalsRequest request;
  request.set_campaign_id(campaign_id);
  donation::v1::CampaignTotals answer;
  const auto status = donation_stub_->GetCampaignTotals(call.get(), request, &answer);
  if (!status.ok()) throw donation_.error(status);
  return answer;
}

allocation::v1::AllocationTotals OwnerTotals::allocation(
    const std::string& campaign_id,
    std::optional<std::chrono::system_clock::time_point> caller_deadline) const {
  if (!allocation_stub_) throw not_configured("allocation");
  const auto call = allocation_.context();
  bound(*call, caller_deadline);
  allocation::v1::GetAllocationTotalsRequest request;
  request.set_campaign_id(campaign_id);
  allocation::v1::AllocationTotals answer;
  const auto status = allocation_stub_->GetAllocationTotals(call.get(), request, &answer);
  if (!status.ok()) throw allocation_.error(status);
  return answer;
}

}  // namespace vnn::reporting
