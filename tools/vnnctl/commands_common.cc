#include "commands_common.h"

#include <iostream>

#include "vnn/platform/events/outbox.h"

namespace vnn::cli {

namespace v1 = donation::v1;

int fail(const grpc::Status& status) {
  std::cerr << "vnnctl: " << status.error_message() << "\n";
  return 1;
}

int fail(const grpc::Status& status, const grpc::ClientContext& context) {
  const auto& trailers = context.GetServerTrailingMetadata();
  auto found = trailers.find("vnn-error-field");
  std::string field;
  if (found != trailers.end()) field.assign(found->second.data(), found->second.size());
  std::cerr << "vnnctl: " << status.error_message();
  // Invalid arguments already start with their field ("unit_code: …").
  if (!field.empty() && !status.error_message().starts_with(field + ":")) {
    std::cerr << " (field " << field << ")";
  }
  std::cerr << "\n";
  return 1;
}

std::string request_id_or_new(const std::string& given) {
  return given.empty() ? platform::events::new_uuid() : given;
}

v1::DonorKind parse_donor_kind(const std::string& text) {
  if (text == "individual") return v1::DONOR_KIND_INDIVIDUAL;
  if (text == "household") return v1::DONOR_KIND_HOUSEHOLD;
  if (text == "organisation") return v1::DONOR_KIND_ORGANISATION;
  if (text == "business") return v1::DONOR_KIND_BUSINESS;
  if (text == "agency") return v1::DONOR_KIND_AGENCY;
  if (text == "anonymous") return v1::DONOR_KIND_ANONYMOUS;
  return v1::DONOR_KIND_UNSPECIFIED;
}

}  // namespace vnn::cli
