#include "status_mapping.h"

#include <google/rpc/error_details.pb.h>
#include <google/rpc/status.pb.h>

#include "vnn/platform/rpc/handler.h"

namespace vnn::platform::rpc {
namespace {

std::string& error_domain_storage() {
  static std::string domain = "vnn";
  return domain;
}

// google.rpc.Status with the details of AIP-193: ErrorInfo always; BadRequest for a field at
// fault; PreconditionFailure for a state that blocks the call; LocalizedMessage in Vietnamese.
std::string status_details(const Error& error, grpc::StatusCode code) {
  google::rpc::Status status;
  status.set_code(static_cast<int>(code));
  status.set_message(error.what());
  google::rpc::ErrorInfo info;
  info.set_reason(error.reason());
  info.set_domain(error_domain_storage());
  for (const auto& [key, value] : error.metadata()) (*info.mutable_metadata())[key] = value;
  if (!error.field().empty()) (*info.mutable_metadata())["field"] = error.field();
  status.add_details()->PackFrom(info);
  if (!error.field().empty()) {
    google::rpc::BadRequest bad_request;
    auto* violation = bad_request.add_field_violations();
    violation->set_field(error.field());
    violation->set_description(error.what());
    status.add_details()->PackFrom(bad_request);
  }
  if (error.code() == ErrorCode::kFailedPrecondition) {
    google::rpc::PreconditionFailure failure;
    auto* violation = failure.add_violations();
    violation->set_type(error.reason());
    violation->set_subject(error.subject());
    violation->set_description(error.what());
    status.add_details()->PackFrom(failure);
  }
  google::rpc::LocalizedMessage vietnamese;
  vietnamese.set_locale("vi-VN");
  vietnamese.set_message(error.vietnamese());
  status.add_details()->PackFrom(vietnamese);
  return status.SerializeAsString();
}

}  // namespace

void set_error_domain(std::string domain) { error_domain_storage() = std::move(domain); }

grpc::StatusCode to_grpc_code(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument:
      return grpc::StatusCode::INVALID_ARGUMENT;
    case ErrorCode::kNotFound:
      return grpc::StatusCode::NOT_FOUND;
    case ErrorCode::kAlreadyExists:
      return grpc::StatusCode::ALREADY_EXISTS;
    case ErrorCode::kFailedPrecondition:
      return grpc::StatusCode::FAILED_PRECONDITION;
    case ErrorCode::kAborted:
      return grpc::StatusCode::ABORTED;
    case ErrorCode::kPermissionDenied:
      return grpc::StatusCode::PERMISSION_DENIED;
    case ErrorCode::kUnauthenticated:
      return grpc::StatusCode::UNAUTHENTICATED;
    case ErrorCode::kUnavailable:
      return grpc::StatusCode::UNAVAILABLE;
    case ErrorCode::kDeadlineExceeded:
      return grpc::StatusCode::DEADLINE_EXCEEDED;
    case ErrorCode::kResourceExhausted:
      return grpc::StatusCode::RESOURCE_EXHAUSTED;
    case ErrorCode::kInternal:
      return grpc::StatusCode::INTERNAL;
  }
  return grpc::StatusCode::INTERNAL;
}

grpc::Status to_status(const Error& error, grpc::ServerContextBase* context) {
  if (error.code() == ErrorCode::kInternal) {
    // Nothing of what went wrong inside reaches the caller, details included.
    const Error hidden(ErrorCode::kInternal, "internal error");
    return grpc::Status(grpc::StatusCode::INTERNAL, hidden.what(),
                        status_details(hidden, grpc::StatusCode::INTERNAL));
  }
  if (!error.field().empty() && context != nullptr) {
    context->AddTrailingMetadata(kErrorFieldKey, error.field());
  }
  const auto code = to_grpc_code(error.code());
  return grpc::Status(code, error.what(), status_details(error, code));
}

const char* status_code_name(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::OK:
      return "OK";
    case grpc::StatusCode::CANCELLED:
      return "CANCELLED";
    case grpc::StatusCode::UNKNOWN:
      return "UNKNOWN";
    case grpc::StatusCode::INVALID_ARGUMENT:
      return "INVALID_ARGUMENT";
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      return "DEADLINE_EXCEEDED";
    case grpc::StatusCode::NOT_FOUND:
      return "NOT_FOUND";
    case grpc::StatusCode::ALREADY_EXISTS:
      return "ALREADY_EXISTS";
    case grpc::StatusCode::PERMISSION_DENIED:
      return "PERMISSION_DENIED";
    case grpc::StatusCode::UNAUTHENTICATED:
      return "UNAUTHENTICATED";
    case grpc::StatusCode::RESOURCE_EXHAUSTED:
      return "RESOURCE_EXHAUSTED";
    case grpc::StatusCode::FAILED_PRECONDITION:
      return "FAILED_PRECONDITION";
    case grpc::StatusCode::ABORTED:
      return "ABORTED";
    case grpc::StatusCode::OUT_OF_RANGE:
      return "OUT_OF_RANGE";
    case grpc::StatusCode::UNIMPLEMENTED:
      return "UNIMPLEMENTED";
    case grpc::StatusCode::INTERNAL:
      return "INTERNAL";
    case grpc::StatusCode::UNAVAILABLE:
      return "UNAVAILABLE";
    case grpc::StatusCode::DATA_LOSS:
      return "DATA_LOSS";
    default:
      return "UNKNOWN";
  }
}

}  // namespace vnn::platform::rpc
