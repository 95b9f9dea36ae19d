#pragma once
// How vnnctl reports a refused call: what the service says an officer should fix, in
// Vietnamese (English with --lang en), the field at fault and the reason code, all read from
// the error details the services attach (docs/errors.md); and the exit codes scripts rely on
// (docs/cli.md), mapped from the gRPC status here and nowhere else.

#include <grpcpp/grpcpp.h>

namespace vnn::cli {

// vnnctl's exit codes. Documented in docs/cli.md; scripts depend on them, so they never change
// meaning.
enum ExitCode : int {
  kExitOk = 0,
  // A check found differences (report reconcile, fund verify), health is not SERVING, or the
  // service failed in a way none of the codes below names (INTERNAL, UNKNOWN, DATA_LOSS).
  kExitFailed = 1,
  // The command line is wrong (unknown option, missing or malformed value), or a file it names
  // cannot be read or written; nothing was sent.
  kExitUsage = 2,
  kExitNotFound = 3,     // NOT_FOUND: no such campaign, fund, household, support …
  kExitRefused = 4,      // UNAUTHENTICATED, PERMISSION_DENIED: the token, role or unit
  kExitInvalid = 5,      // INVALID_ARGUMENT, OUT_OF_RANGE: a value the service does not accept
  kExitConflict = 6,     // FAILED_PRECONDITION, ALREADY_EXISTS, ABORTED: not now, or not twice
  kExitUnavailable = 7,  // UNAVAILABLE, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, CANCELLED: retry
  kExitUnsupported = 8,  // UNIMPLEMENTED: the service at that address lacks this operation
};

// The exit code for a call that ended with `code`.
int exit_code_for(grpc::StatusCode code);

// Called once, after the command line is parsed.
void set_error_language(bool english);
// Prints the refusal to standard error and returns its exit code (exit_code_for).
int fail(const grpc::Status& status);

}  // namespace vnn::cli
