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

std::string HouseholdDirectory::require_household(std::int64_t household_id,
                                                  const std::string& campaign_id,
                                                  const std::string& field) const {
  if (household_id <= 0) throw platform::invalid_argument(field, "is required for direct support");
  if (!stub_) {
    throw platform::failed_precondition(
        "direct support cannot be checked: no household review service is configured")
        .with_reason("DEPENDENCY_NOT_CONFIGURED");
  }
  const auto call = client_.context();
  household_review::v1::GetEligibilityRequest request;
  request.set_household_id(household_id);
  request.set_campaign_id(campaign_id);
  household_review::v1::Eligibility facts;
  const auto status = stub_->GetEligibility(call.get(), request, &facts);
  if (!status.ok()) throw client_.error(status);
  if (!facts.exists()) throw platform::invalid_argument(field, "unknown household");
  if (facts.merged()) {
    throw platform::invalid_argument(
        field, "was merged into household " + std::to_string(facts.merged_into_id()));
  }
  return facts.unit_code();
}

}  // namespace vnn::donation
