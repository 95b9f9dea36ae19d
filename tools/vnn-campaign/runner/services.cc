#include "runner/services.h"

namespace vnn::campaign {

namespace {
std::shared_ptr<grpc::Channel> channel_to(const std::string& target) {
  grpc::ChannelArguments arguments;
  // Reconnect quickly after a service restarts instead of backing off for up to two minutes.
  arguments.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 500);
  arguments.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 100);
  return grpc::CreateCustomChannel(target, grpc::InsecureChannelCredentials(), arguments);
}
}  // namespace

Services::Services(const Targets& targets)
    : donation(donation::v1::DonationService::NewStub(channel_to(targets.donation))),
      household_review(household_review::v1::HouseholdReviewService::NewStub(
          channel_to(targets.household_review))),
      allocation(allocation::v1::AllocationService::NewStub(channel_to(targets.allocation))),
      reporting(reporting::v1::ReportingService::NewStub(channel_to(targets.reporting))) {}

}  // namespace vnn::campaign
