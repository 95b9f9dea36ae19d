#include "vnn/platform/rpc/error_details.h"

#include <google/rpc/error_details.pb.h>
#include <google/rpc/status.pb.h>

namespace vnn::platform::rpc {

ErrorDetails read_error_details(const grpc::Status& status) {
  ErrorDetails out;
  google::rpc::Status details;
  if (status.error_details().empty() || !details.ParseFromString(status.error_details())) {
    return out;
  }
  for (const auto& any : details.details()) {
    google::rpc::ErrorInfo info;
    google::rpc::BadRequest bad_request;
    google::rpc::PreconditionFailure precondition;
    google::rpc::LocalizedMessage localized;
    if (any.UnpackTo(&info)) {
      out.reason = info.reason();
      out.domain = info.domain();
      out.metadata.insert(info.metadata().begin(), info.metadata().end());
    } else if (any.UnpackTo(&bad_request)) {
      if (bad_request.field_violations_size() > 0 && out.field.empty()) {
        out.field = bad_request.field_violations(0).field();
      }
    } else if (any.UnpackTo(&precondition)) {
      if (precondition.violations_size() > 0 && out.precondition_subject.empty()) {
        out.precondition_subject = precondition.violations(0).subject();
      }
    } else if (any.UnpackTo(&localized)) {
      if (localized.locale().starts_with("vi")) out.vietnamese = localized.message();
    }
  }
  return out;
}

}  // namespace vnn::platform::rpc
