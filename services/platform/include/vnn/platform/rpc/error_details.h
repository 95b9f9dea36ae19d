#pragma once
// Reading back the machine-readable details (AIP-193) that every refusal carries, as a caller
// of a VNN service sees them: vnnctl shows the Vietnamese message and the field; services that
// call each other decide on the reason code, never on the message text.

#include <grpcpp/support/status.h>

#include <map>
#include <string>

namespace vnn::platform::rpc {

struct ErrorDetails {
  std::string reason;                           // ErrorInfo.reason, e.g. "NOT_IN_SCOPE"
  std::string domain;                           // ErrorInfo.domain, e.g. "vnn.donation"
  std::map<std::string, std::string> metadata;  // ErrorInfo.metadata
  std::string field;                            // the first BadRequest field violation's field
  std::string precondition_subject;             // the first PreconditionFailure's subject
  std::string vietnamese;                       // LocalizedMessage for vi-VN
};

// Empty details for a status that carries none (e.g. one made by gRPC itself).
ErrorDetails read_error_details(const grpc::Status& status);

}  // namespace vnn::platform::rpc
