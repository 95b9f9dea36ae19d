#include "pipeline.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <openssl/evp.h>

#include <algorithm>

#include "audit_writer.h"
#include "vnn/platform/db/arrays.h"
#include "vnn/platform/db/transaction.h"
#include "vnn/platform/events/outbox.h"
#include "vnn/platform/log.h"
#include "vnn/platform/text/scrub.h"

namespace vnn::platform::rpc::detail {
namespace {

std::string deterministic_bytes(const google::protobuf::Message& message) {
  std::string out;
  google::protobuf::io::StringOutputStream stream(&out);
  google::protobuf::io::CodedOutputStream coded(&stream);
  coded.SetSerializationDeterministic(true);
  message.SerializeToCodedStream(&coded);
  coded.Trim();
  return out;
}

std::string sha256(const std::string& bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr);
  return std::string(reinterpret_cast<const char*>(digest), length);
}

}  // namespace

std::string metadata(const grpc::ServerContextBase* context, const char* key) {
  const auto& entries = context->client_metadata();
  auto found = entries.find(key);
  if (found == entries.end()) return {};
  return std::string(found->second.data(), found->second.size());
}

std::optional<Clock::time_point> deadline_of(const grpc::ServerContextBase* context) {
  auto deadline = context->deadline();
  // gRPC reports "no deadline" as a time far in the future.
  if (deadline > Clock::now() + std::chrono::hours(24 * 365)) return std::nullopt;
  return deadline;
}

std::string correlation_of(const grpc::ServerContextBase* context) {
  std::string id = metadata(context, kCorrelationIdKey);
  // Only accept ids that are safe to log and to pass on.
  bool safe =
      !id.empty() && id.size() <= 64 && std::all_of(id.begin(), id.end(), [](unsigned char c) {
        return std::isalnum(c) || c == '-' || c == '_' || c == '.';
      });
  return safe ? id : events::new_uuid();
}

std::string request_hash(const google::protobuf::Message& request) {
  return sha256(deterministic_bytes(request));
}

void check_request_id(const std::string& request_id) {
  if (request_id.empty()) throw invalid_argument("request_id", "is required");
  if (request_id.size() > kMaxRequestIdLength) {
    throw invalid_argument("request_id", "is longer than 128 characters");
  }
}

void audit_separately(const ServiceContext& service, const AuditEntry& entry) {
  try {
    db::TxOptions options;
    options.default_statement_timeout = std::chrono::milliseconds(2000);
    db::with_transaction(service.pool(), options,
                         [&](pqxx::transaction_base& tx) { write_audit(tx, entry); });
  } catch (const std::exception& e) {
    log::error("audit entry for a refused call could not be written",
               {{"method", entry.method}, {"error", text::scrub_database_error(e.what())}});
  }
}

void audit_in_background(const ServiceContext& service, const AuditEntry& entry) {
  AuditWriter* writer = service.audit_writer();
  if (writer == nullptr) {
    audit_separately(service, entry);
    return;
  }
  OwnedAudit owned{
      .who = entry.principal ? std::optional<auth::Principal>(*entry.principal) : std::nullopt,
      .entry = entry};
  owned.entry.principal = nullptr;
  writer->submit(std::move(owned));
}

void record_refusal(const ServiceContext& service, const std::optional<auth::Principal>& principal,
                    const AuditEntry& entry) {
  if (!principal) {
    service.note_unauthenticated(entry.method);
    return;
  }
  audit_in_background(service, entry);
}

auth::Principal authenticate(const ServiceContext& service,
                             const grpc::ServerContextBase* context) {
  return service.verifier().verify(metadata(context, "authorization"));
}

void authorise_role(const auth::Principal& principal, const MethodPolicy& policy) {
  if (std::find(policy.roles.begin(), policy.roles.end(), principal.role) == policy.roles.end()) {
    throw permission_denied("role " + std::string(auth::role_name(principal.role)) +
                            " may not call " + policy.name);
  }
  // Another service calls only the methods its token was issued for, even where the policy
  // lets services in.
  if (principal.role == auth::Role::kService) {
    const std::string method = policy.name.substr(policy.name.rfind('/') + 1);
    if (std::find(principal.methods.begin(), principal.methods.end(), method) ==
        principal.methods.end()) {
      throw permission_denied("this service token does not allow " + policy.name);
    }
  }
}

grpc::Status failed(AuditEntry& audit, const Error& e, grpc::ServerContextBase* context) {
  const bool bug = e.code() == ErrorCode::kInternal;
  if (bug)
    log::error("call failed",
               {{"method", audit.method}, {"error", text::scrub_database_error(e.what())}});
  audit.outcome = bug ? "failed" : "refused";
  audit.status = status_code_name(to_grpc_code(e.code()));
  audit.detail = bug ? "internal error" : e.what();
  return to_status(e, context);
}

grpc::Status failed(AuditEntry& audit, const std::exception& e) {
  log::error("call failed",
             {{"method", audit.method}, {"error", text::scrub_database_error(e.what())}});
  audit.outcome = "failed";
  audit.status = "INTERNAL";
  audit.detail = "internal error";
  return to_status(Error(ErrorCode::kInternal, "internal error"), nullptr);
}

std::optional<grpc::Status> check_caller(const ServiceContext& service,
                                         grpc::ServerContextBase* context,
                                         const MethodPolicy& policy,
                                         std::optional<auth::Principal>& principal,
                                         AuditEntry& audit) {
  try {
    principal = authenticate(service, context);
    audit.principal = &*principal;
    authorise_role(*principal, policy);
    return std::nullopt;
  } catch (const Error& e) {
    audit.outcome = "refused";
    audit.status = status_code_name(to_grpc_code(e.code()));
    audit.detail = e.what();
    return to_status(e, context);
  }
}

std::optional<grpc::Status> admit(const ServiceContext& service, grpc::ServerContextBase* context,
                                  const MethodPolicy& policy,
                                  std::optional<auth::Principal>& principal, AuditEntry& audit) {
  auto refused = check_caller(service, context, policy, principal, audit);
  if (refused) record_refusal(service, principal, audit);
  return refused;
}

}  // namespace vnn::platform::rpc::detail
