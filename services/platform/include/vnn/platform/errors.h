#pragma once
// Errors that domain code throws. They carry a transport-neutral code and the machine-readable
// details of Google AIP-193 — a stable reason code, the field at fault, the state that blocks
// the call, a Vietnamese message for officers — and the RPC layer turns them into a gRPC status
// with google.rpc details once, at the edge (rpc/status_mapping.cc). Domain code has no gRPC types.
//
//   throw invalid_argument("amount.dong", "must be positive", "phải lớn hơn 0");
//   throw failed_precondition("the deadline for household lists has passed")
//       .with_reason(reason::kDeadlinePassed)
//       .with_vietnamese("Đã quá hạn nộp danh sách hộ (22/02/2024)")
//       .with_subject("campaign/" + id);
//
// Reason codes are UPPER_SNAKE_CASE, stable once published, and listed in docs/errors.md.

#include <map>
#include <stdexcept>
#include <string>
#include <string_view>

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

// Reason codes shared by every service. A service adds its own beside its rules.
namespace reason {
inline constexpr std::string_view kInvalidField = "INVALID_FIELD";
inline constexpr std::string_view kNotFound = "NOT_FOUND";
inline constexpr std::string_view kAlreadyExists = "ALREADY_EXISTS";
inline constexpr std::string_view kFailedPrecondition = "FAILED_PRECONDITION";
inline constexpr std::string_view kConflict = "CONFLICT";
inline constexpr std::string_view kRoleNotAllowed = "ROLE_NOT_ALLOWED";
inline constexpr std::string_view kNotInScope = "NOT_IN_SCOPE";
inline constexpr std::string_view kPersonalDataRestricted = "PERSONAL_DATA_RESTRICTED";
inline constexpr std::string_view kSameOfficer = "SAME_OFFICER";
inline constexpr std::string_view kUnauthenticated = "UNAUTHENTICATED";
inline constexpr std::string_view kUnavailable = "UNAVAILABLE";
inline constexpr std::string_view kDeadlineExceeded = "DEADLINE_EXCEEDED";
inline constexpr std::string_view kLimitExceeded = "LIMIT_EXCEEDED";
inline constexpr std::string_view kInternal = "INTERNAL";
inline constexpr std::string_view kDeadlinePassed = "DEADLINE_PASSED";
inline constexpr std::string_view kRequestIdReused = "REQUEST_ID_REUSED";
inline constexpr std::string_view kPageTokenInvalid = "PAGE_TOKEN_INVALID";
// Too many calls waiting for a batch (rpc::GroupCommit): retry after a pause.
inline constexpr std::string_view kServerBusy = "SERVER_BUSY";
// No database connection came free within the pool's wait cap: retry after a pause.
inline constexpr std::string_view kDatabaseBusy = "DATABASE_BUSY";
}  // namespace reason

class Error : public std::runtime_error {
 public:
  Error(ErrorCode code, std::string message, std::string field = {})
      : std::runtime_error(std::move(message)), code_(code), field_(std::move(field)) {}

  ErrorCode code() const noexcept { return code_; }
  // The request field at fault (dotted path, e.g. "amount.dong"), empty if none.
  const std::string& field() const noexcept { return field_; }
  // The stable reason code; the code's default (reason::k…) when none was given.
  std::string reason() const;
  // The message for officers, in Vietnamese; a default by reason when none was given.
  std::string vietnamese() const;
  // What the blocking state belongs to ("campaign/…", "household/42"), for PreconditionFailure.
  const std::string& subject() const noexcept { return subject_; }
  // Extra facts for ErrorInfo.metadata (e.g. "available_dong" → "1200000"); no personal data.
  const std::map<std::string, std::string>& metadata() const noexcept { return metadata_; }

  Error& with_reason(std::string_view reason) {
    reason_ = reason;
    return *this;
  }
  Error& with_vietnamese(std::string message) {
    vietnamese_ = std::move(message);
    return *this;
  }
  Error& with_subject(std::string subject) {
    subject_ = std::move(subject);
    return *this;
  }
  Error& with_metadata(std::string key, std::string value) {
    metadata_[std::move(key)] = std::move(value);
    return *this;
  }

 private:
  ErrorCode code_;
  std::string field_;
  std::string reason_;
  std::string vietnamese_;
  std::string subject_;
  std::map<std::string, std::string> metadata_;
};

// `vietnamese_reason`, when given, says in Vietnamese what is wrong with the field; the
// officer sees "Trường «field»: <vietnamese_reason>".
inline Error invalid_argument(std::string field, std::string reason,
                              std::string vietnamese_reason = {}) {
  std::string message = field + ": " + reason;
  Error error(ErrorCode::kInvalidArgument, std::move(message), field);
  if (!vietnamese_reason.empty()) {
    error.with_vietnamese("Trường «" + field + "»: " + vietnamese_reason);
  }
  return error;
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
inline Error resource_exhausted(std::string why) {
  return Error(ErrorCode::kResourceExhausted, std::move(why));
}
// A unit (or an object in it) outside the caller's scope.
inline Error not_in_scope(std::string why) {
  return permission_denied(std::move(why)).with_reason(reason::kNotInScope);
}

const char* error_code_name(ErrorCode code);

}  // namespace vnn::platform
