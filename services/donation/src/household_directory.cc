#include "household_directory.h"

#include "vnn/platform/errors.h"

namespace vnn::donation {
HouseholdDirectory::HouseholdDirectory(const platform::rpc::ServiceContext& context,
                                       const platform::rpc::OutgoingSettings& settings)
    : client_(context, "household_review", settings) {
  if (client_.configured()) {
    stub_ = household_review::v1::HouseholdReviewService::NewStub(client_.channel());
  }
}

rules::HouseholdFacts HouseholdDirectory::facts(
    std::int64_t household_id, const std::string& campaign_id, const std::string& field,
    std::optional<std::chrono::system_clock::time_point> caller_deadline) const {
  if (household_id <= 0) throw platform::invalid_argument(field, "is required for direct support");
  if (!stub_) {
    throw platform::failed_precondition(
        "direct support cannot be checked: no household review service is configured")
        .with_reason("DEPENDENCY_NOT_CONFIGURED");
  }
  const auto call = client_.context();
  // The client's own deadline, cut short by the caller's: nobody waits for an answer its
  // caller no longer wants.
  if (caller_deadline && *caller_deadline < call->deadline()) call->set_deadline(*caller_deadline);
  household_review::v1::GetEligibilityRequest request;
  request.set_household_id(household_id);
  request.set_campaign_id(campaign_id);
  household_review::v1::Eligibility answer;
  const auto status = stub_->GetEligibility(call.get(), request, &answer);
  if (!status.ok()) throw client_.error(status);
  return {.exists = answer.exists(), .unit_code = answer.unit_code(), .merged = answer.merged()};
}

}  // namespace vnn::donation
