#pragma once
// What vnnctl's command files share: reporting a failed call, request ids, donor kinds.

#include <grpcpp/grpcpp.h>

#include <string>

#include "vnn/donation/v1/donation.pb.h"

namespace vnn::cli {

// Prints the error (in English, as all errors) and returns the exit code 1.
int fail(const grpc::Status& status);
// The same, and the request field at fault when the service named one (vnn-error-field).
int fail(const grpc::Status& status, const grpc::ClientContext& context);
// The given idempotency key, or a new one.
std::string request_id_or_new(const std::string& given);
// individual|household|organisation|business|agency|anonymous; UNSPECIFIED otherwise.
donation::v1::DonorKind parse_donor_kind(const std::string& text);

}  // namespace vnn::cli
