#include "household_directory.h"

#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>

#include <fstream>
#include <iterator>

#include "vnn/platform/errors.h"

namespace vnn::donation {
namespace {

// A gift is checked while the donation's transaction is open: answer fast or not at all.
constexpr auto kCheckTimeout = std::chrono::seconds(3);

std::shared_ptr<grpc::ChannelCredentials> credentials(const std::string& ca_file) {
  if (ca_file.empty()) return grpc::InsecureChannelCredentials();
  std::ifstream in(ca_file);
  grpc::SslCredentialsOptions options;
  options.pem_root_certs.assign(std::istreambuf_iterator<char>(in), {});
  return grpc::SslCredentials(options);
}

}  // namespace

HouseholdDirectory::HouseholdDirectory(const platform::rpc::ServiceContext& context,
                                       const std::string& target, const std::string& ca_file)
    : context_(context) {
  if (!target.empty()) {
    stub_ = household_review::v1::HouseholdReviewService::NewStub(
        grpc::CreateChannel(target, credentials(ca_file)));
  }
}

std::string HouseholdDirectory::require_household(std::int64_t household_id,
                                                  const std::string& campaign_id,
                                                  const std::string& field) const {
  if (household_id <= 0) throw platform::invalid_argument(field, "is required for direct support");
  if (!stub_) {
    throw platform::failed_precondition(
        "direct support cannot be checked: no household-review service is configured");
  }
  grpc::ClientContext call;
  call.set_deadline(std::chrono::system_clock::now() + kCheckTimeout);
  context_.authorize_outgoing(call);
  household_review::v1::GetEligibilityRequest request;
  request.set_household_id(household_id);
  request.set_campaign_id(campaign_id);
  household_review::v1::Eligibility facts;
  const auto status = stub_->GetEligibility(&call, request, &facts);
  if (!status.ok()) {
    throw platform::Error(platform::ErrorCode::kUnavailable,
                          "household review did not answer: " + status.error_message());
  }
  if (!facts.exists()) throw platform::invalid_argument(field, "unknown household");
  if (facts.merged()) {
    throw platform::invalid_argument(
        field, "was merged into household " + std::to_string(facts.merged_into_id()));
  }
  return facts.unit_code();
}

}  // namespace vnn::donation
