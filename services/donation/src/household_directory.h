#pragma once
// Asks the household review service what it knows of a household (does it exist, in which
// unit, was it merged away) before support given directly to it is recorded. Calls carry this
// service's own bearer token; whether the caller may act for the household is decided here, in
// donation, from the unit household review answers (rules/direct_support.h).

#include <grpcpp/channel.h>

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "rules/direct_support.h"
#include "vnn/household_review/v1/household_review.grpc.pb.h"
#include "vnn/platform/rpc/outgoing_client.h"
#include "vnn/platform/rpc/service_context.h"

namespace vnn::donation {

class HouseholdDirectory {
 public:
  // Without a target direct support cannot be checked, so it is refused (FAILED_PRECONDITION).
  HouseholdDirectory(const platform::rpc::ServiceContext& context,
                     const platform::rpc::OutgoingSettings& settings);

  // What household review knows of the household (exists is false for an id it does not
  // know). The call waits at most the client's own deadline (--household-review-deadline-ms),
  // and never past `caller_deadline`. INVALID_ARGUMENT on `field` for no household id;
  // FAILED_PRECONDITION when no household review is configured; UNAVAILABLE when it cannot be
  // reached in time.
  rules::HouseholdFacts facts(
      std::int64_t household_id, const std::string& campaign_id, const std::string& field,
      std::optional<std::chrono::system_clock::time_point> caller_deadline) const;

 private:
  platform::rpc::OutgoingClient client_;
  std::unique_ptr<household_review::v1::HouseholdReviewService::Stub> stub_;
};

}  // namespace vnn::donation
