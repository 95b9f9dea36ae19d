#pragma once
// Domain errors to gRPC status, in one place (private to the platform).

#include <grpcpp/server_context.h>
#include <grpcpp/support/status.h>

#include <string>

#include "vnn/platform/errors.h"

namespace vnn::platform::rpc {

grpc::StatusCode to_grpc_code(ErrorCode code);
// ErrorInfo.domain of every error this process returns ("vnn.donation"); set once at start.
void set_error_domain(std::string domain);
// Sets the field trailer for INVALID_ARGUMENT; never exposes internals for kInternal.
grpc::Status to_status(const Error& error, grpc::ServerContextBase* context);
const char* status_code_name(grpc::StatusCode code);

}  // namespace vnn::platform::rpc
