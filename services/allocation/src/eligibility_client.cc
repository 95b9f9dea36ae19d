#include "eligibility_client.h"

#include "vnn/platform/errors.h"

namespace vnn::allocation {
namespace {

namespace hr = household_review::v1;

rules::PovertyStatus poverty(hr::PovertyStatus status) {
  switch (status) {
    case hr::POVERTY_STATUS_POOR:
      return rules::PovertyStatus::kPoor;
    case hr::POVERTY_STATUS_NEAR_POOR:
      return rules::PovertyStatus::kNearPoor;
    default:
      return rules::PovertyStatus::kUnknown;
  }
}

rules::Housing housing(hr::Housing h) {
  switch (h) {
    case hr::HOUSING_TEMPORARY:
      return rules::Housing::kTemporary;
    case hr::HOUSING_NON_DURABLE:
      return rules::Housing::kNonDurable;
    case hr::HOUSING_DURABLE:
      return rules::Housing::kDurable;
    default:
      return rules::Housing::kUnknown;
  }
}

}  // namespace

EligibilityClient::EligibilityClient(const platform::rpc::ServiceContext& context,
                                     const platform::rpc::OutgoingSettings& settings)
    : client_(context, "household_review", settings) {
  if (client_.configured()) stub_ = hr::HouseholdReviewService::NewStub(client_.channel());
}

rules::HouseholdFacts EligibilityClient::facts(
    std::int64_t household_id, const std::string& campaign_id,
    std::optional<std::chrono::system_clock::time_point> caller_deadline) const {
  if (!stub_) {
    throw platform::failed_precondition(
        "support cannot be decided: no household review service is configured")
        .with_reason("DEPENDENCY_NOT_CONFIGURED");
  }
  const auto call = client_.context();
  if (caller_deadline && *caller_deadline < call->deadline()) call->set_deadline(*caller_deadline);
  hr::GetEligibilityRequest request;
  request.set_household_id(household_id);
  request.set_campaign_id(campaign_id);
  hr::Eligibility answer;
  const auto status = stub_->GetEligibility(call.get(), request, &answer);
  if (!status.ok()) throw client_.error(status);
  rules::HouseholdFacts facts;
  facts.household_id = household_id;
  facts.exists = answer.exists();
  facts.unit_code = answer.unit_code();
  facts.poverty_status = poverty(answer.poverty_status());
  facts.housing = housing(answer.housing());
  facts.meritorious_member = answer.meritorious_member();
  facts.sudden_hardship = answer.sudden_hardship();
  facts.merged = answer.merged();
  facts.merged_into_id = answer.merged_into_id();
  facts.escaped_poverty = answer.escaped_poverty();
  facts.approved = answer.approved();
  facts.open_duplicate = answer.open_duplicate();
  facts.assigned_organisation_id = answer.assigned_organisation_id();
  return facts;
}

}  // namespace vnn::allocation
