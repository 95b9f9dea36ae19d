#pragma once
// How vnnctl reports a refused call: what the service says an officer should fix, in
// Vietnamese (English with --lang en), the field at fault and the reason code, all read from
// the error details the services attach (docs/errors.md).

#include <grpcpp/grpcpp.h>

namespace vnn::cli {

// Called once, after the command line is parsed.
void set_error_language(bool english);
// Prints the refusal to standard error and returns the exit code 1.
int fail(const grpc::Status& status);

}  // namespace vnn::cli
