#pragma once
// The steps every mutating call goes through, shared by rpc::mutation (one call, one
// transaction) and rpc::GroupCommit (many calls, one transaction).

#include <google/protobuf/message.h>
#include <grpcpp/server_context.h>
#include <grpcpp/support/status.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <pqxx/pqxx>
#include <string>

#include "idempotency_store.h"
#include "status_mapping.h"
#include "vnn/platform/auth/principal.h"
#include "vnn/platform/errors.h"
#include "vnn/platform/rpc/handler.h"
#include "vnn/platform/rpc/service_context.h"

namespace vnn::platform::rpc::detail {

using Clock = std::chrono::system_clock;
inline constexpr std::size_t kMaxRequestIdLength = 128;

std::string metadata(const grpc::ServerContextBase* context, const char* key);
std::optional<Clock::time_point> deadline_of(const grpc::ServerContextBase* context);
std::string correlation_of(const grpc::ServerContextBase* context);
// The request's idempotency fingerprint: SHA-256 of its deterministic serialisation.
std::string request_hash(const google::protobuf::Message& request);
// Throws INVALID_ARGUMENT for a missing or overlong request id.
void check_request_id(const std::string& request_id);

// A refused or failed mutation leaves its effects rolled back; its audit entry is written on
// its own, so that refusals are on the record too.
void audit_separately(const ServiceContext& service, const AuditEntry& entry);

// The same, by the service's background audit writer (bounded; a full queue drops and counts):
// for refusals and failures, whose audit must not take the place of real work.
void audit_in_background(const ServiceContext& service, const AuditEntry& entry);
// A refusal from check_caller: without a principal (no valid token) it is only counted and
// sampled in the log (ServiceContext::note_unauthenticated); otherwise audited in the background.
void record_refusal(const ServiceContext& service, const std::optional<auth::Principal>& principal,
                    const AuditEntry& entry);

// Authenticates and authorises a mutating call; a refusal is filled into `audit` (with who
// tried, when the token was good) and returned as the status to send, not yet written.
std::optional<grpc::Status> check_caller(const ServiceContext& service,
                                         grpc::ServerContextBase* context,
                                         const MethodPolicy& policy,
                                         std::optional<auth::Principal>& principal,
                                         AuditEntry& audit);
// check_caller, with the refusal recorded (record_refusal).
std::optional<grpc::Status> admit(const ServiceContext& service, grpc::ServerContextBase* context,
                                  const MethodPolicy& policy,
                                  std::optional<auth::Principal>& principal, AuditEntry& audit);
auth::Principal authenticate(const ServiceContext& service, const grpc::ServerContextBase* context);
void authorise_role(const auth::Principal& principal, const MethodPolicy& policy);

// A mutation that did not complete: what its audit entry says, and the status to send. Bugs
// (kInternal, unexpected exceptions) are logged here and shown to callers only as
// "internal error".
grpc::Status failed(AuditEntry& audit, const Error& e, grpc::ServerContextBase* context);
grpc::Status failed(AuditEntry& audit, const std::exception& e);

class CallMetrics {
 public:
  CallMetrics(const ServiceContext& service, const std::string& method)
      : service_(service), method_(method), started_(std::chrono::steady_clock::now()) {}
  grpc::Status done(grpc::Status status) {
    service_.metrics().record_rpc(method_, status_code_name(status.error_code()),
                                  std::chrono::steady_clock::now() - started_);
    return status;
  }

 private:
  const ServiceContext& service_;
  const std::string& method_;
  std::chrono::steady_clock::time_point started_;
};

}  // namespace vnn::platform::rpc::detail
