#pragma once
// Asks household review, with this service's own token, what it knows of a household in a
// campaign: approved or not, an open duplicate question, merged away, its flags.

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "rules/household_facts.h"
#include "vnn/household_review/v1/household_review.grpc.pb.h"
#include "vnn/platform/rpc/outgoing_client.h"
#include "vnn/platform/rpc/service_context.h"

namespace vnn::allocation {

class EligibilityClient {
 public:
  EligibilityClient(const platform::rpc::ServiceContext& context,
                    const platform::rpc::OutgoingSettings& settings);

  // FAILED_PRECONDITION when no household review is configured; UNAVAILABLE when it cannot
  // answer in time (never waiting past `caller_deadline`).
  rules::HouseholdFacts facts(
      std::int64_t household_id, const std::string& campaign_id,
      std::optional<std::chrono::system_clock::time_point> caller_deadline) const;

 private:
  platform::rpc::OutgoingClient client_;
  std::unique_ptr<household_review::v1::HouseholdReviewService::Stub> stub_;
};

}  // namespace vnn::allocation
