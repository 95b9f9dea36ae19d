#pragma once
// Asks the services that own the facts for their own totals of a campaign, with this service's
// own token (scoped to the one method each): donation GetCampaignTotals, allocation
// GetAllocationTotals.

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "reporting_settings.h"
#include "vnn/allocation/v1/allocation.grpc.pb.h"
#include "vnn/donation/v1/donation.grpc.pb.h"
#include "vnn/platform/rpc/outgoing_client.h"
#include "vnn/platform/rpc/service_context.h"

namespace vnn::reporting {

class OwnerTotals {
 public:
  OwnerTotals(const platform::rpc::ServiceContext& context, const ReportingSettings& settings);

  // FAILED_PRECONDITION (DEPENDENCY_NOT_CONFIGURED) when the peer is not configured;
  // UNAVAILABLE when it cannot answer in time (never waiting past `caller_deadline`).
  donation::v1::CampaignTotals donation(
      const std::string& campaign_id,
      std::optional<std::chrono::system_clock::time_point> caller_deadline) const;
  allocation::v1::AllocationTotals allocation(
      const std::string& campaign_id,
      std::optional<std::chrono::system_clock::time_point> caller_deadline) const;

 private:
  platform::rpc::OutgoingClient donation_;
  platform::rpc::OutgoingClient allocation_;
  std::unique_ptr<donation::v1::DonationService::Stub> donation_stub_;
  std::unique_ptr<allocation::v1::AllocationService::Stub> allocation_stub_;
};

}  // namespace vnn::reporting
