#pragma once
// Asks the household review service whether a household exists (and is not merged away) before
// support given directly to it is recorded. Calls carry this service's own bearer token.

#include <grpcpp/channel.h>

#include <memory>
#include <string>

#include "vnn/household_review/v1/household_review.grpc.pb.h"
#include "vnn/platform/rpc/outgoing_client.h"
#include "vnn/platform/rpc/service_context.h"

namespace vnn::donation {

class HouseholdDirectory {
 public:
  // Without a target direct support cannot be checked, so it is refused (FAILED_PRECONDITION).
  HouseholdDirectory(const platform::rpc::ServiceContext& context,
                     const platform::rpc::OutgoingSettings& settings);

  // INVALID_ARGUMENT on `field` for a household that does not exist (or that the caller's
  // units do not cover) or that was merged into another; UNAVAILABLE when household review
  // cannot be reached. Returns the household's unit.
  std::string require_household(std::int64_t household_id, const std::string& campaign_id,
                                const std::string& field) const;

 private:
  platform::rpc::OutgoingClient client_;
  std::unique_ptr<household_review::v1::HouseholdReviewService::Stub> stub_;
};

}  // namespace vnn::donation
