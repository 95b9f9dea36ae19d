#pragma once
// Errors that domain code throws. They carry a transport-neutral code; the RPC layer maps them
// to gRPC status codes once, at the edge (rpc/status_mapping.cc), so domain code has no gRPC types.

#include <stdexcept>
#include <string>

namespace vnn::platform {

enum class ErrorCode {
  kInvalidArgument,     // the request is wrong; `field` names the offending field
  kNotFound,            // a named thing does not exist (or the caller may not know it exists)
  kAlreadyExists,       // creating something that exists
  kFailedPrecondition,  // the system is not in the state the request needs (deadline passed …)
  kAborted,             // a conflict worth retrying (concurrent change)
  kPermissionDenied,    // authenticated, but not allowed
  kUnauthenticated,     // no valid credentials
  kUnavailable,         // a dependency is down; the client may retry
  kDeadlineExceeded,    // the caller's deadline passed
  kResourceExhausted,   // a limit was hit
  kInternal,            // a bug; the message shown to callers is generic
};

class Error : public std::runtime_error {
 public:
  Error(ErrorCode code, std::string message, std::string field = {})
      : std::runtime_error(std::move(message)), code_(code), field_(std::move(field)) {}

  ErrorCode code() const noexcept { return code_; }
  // The request field at fault (dotted path, e.g. "amount.dong"), empty if none.
  const std::string& field() const noexcept { return field_; }

 private:
  ErrorCode code_;
  std::string field_;
};

inline Error invalid_argument(std::string field, std::string reason) {
  std::string message = field + ": " + reason;
  return Error(ErrorCode::kInvalidArgument, std::move(message), std::move(field));
}
inline Error not_found(std::string what) { return Error(ErrorCode::kNotFound, std::move(what)); }
inline Error failed_precondition(std::string why) {
  return Error(ErrorCode::kFailedPrecondition, std::move(why));
}
inline Error permission_denied(std::string why) {
  return Error(ErrorCode::kPermissionDenied, std::move(why));
}
inline Error unauthenticated(std::string why) {
  return Error(ErrorCode::kUnauthenticated, std::move(why));
}

const char* error_code_name(ErrorCode code);

}  // namespace vnn::platform
