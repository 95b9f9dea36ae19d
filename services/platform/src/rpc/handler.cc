#include "vnn/platform/rpc/handler.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <openssl/evp.h>

#include <algorithm>
#include <optional>

#include "status_mapping.h"
#include "vnn/platform/db/arrays.h"
#include "vnn/platform/db/transaction.h"
#include "vnn/platform/errors.h"
#include "vnn/platform/events/outbox.h"
#include "vnn/platform/log.h"

namespace vnn::platform::rpc {
namespace {

using Clock = std::chrono::system_clock;
constexpr std::size_t kMaxRequestIdLength = 128;

std::string metadata(const grpc::ServerContext* context, const char* key) {
  const auto& entries = context->client_metadata();
  auto found = entries.find(key);
  if (found == entries.end()) return {};
  return std::string(found->second.data(), found->second.size());
}

std::optional<Clock::time_point> deadline_of(const grpc::ServerContext* context) {
  auto deadline = context->deadline();
  // gRPC reports "no deadline" as a time far in the future.
  if (deadline > Clock::now() + std::chrono::hours(24 * 365)) return std::nullopt;
  return deadline;
}

std::string correlation_of(const grpc::ServerContext* context) {
  std::string id = metadata(context, kCorrelationIdKey);
  // Only accept ids that are safe to log and to pass on.
  bool safe =
      !id.empty() && id.size() <= 64 && std::all_of(id.begin(), id.end(), [](unsigned char c) {
        return std::isalnum(c) || c == '-' || c == '_' || c == '.';
      });
  return safe ? id : events::new_uuid();
}

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

struct AuditEntry {
  const auth::Principal* principal = nullptr;
  std::string method;
  std::string request_id;
  std::string correlation_id;
  std::string outcome;
  std::string status;
  std::string detail;
  nlohmann::json changes = nlohmann::json::object();
};

void write_audit(pqxx::transaction_base& tx, const AuditEntry& entry) {
  static const auth::Principal kAnonymous{.subject = "anonymous"};
  const auth::Principal& who = entry.principal ? *entry.principal : kAnonymous;
  tx.exec_prepared("vnn_audit_insert", who.subject,
                   entry.principal ? std::string(auth::role_name(who.role)) : std::string("none"),
                   db::text_array(who.unit_codes), entry.method, entry.request_id,
                   entry.correlation_id, entry.outcome, entry.status, entry.detail,
                   entry.changes.dump());
}

// A refused or failed mutation leaves its effects rolled back; its audit entry is written on
// its own, so that refusals are on the record too.
void audit_separately(const ServiceContext& service, const AuditEntry& entry) {
  try {
    db::TxOptions options;
    options.default_statement_timeout = std::chrono::milliseconds(2000);
    db::with_transaction(service.pool(), options,
                         [&](pqxx::transaction_base& tx) { write_audit(tx, entry); });
  } catch (const std::exception& e) {
    log::error("audit entry for a refused call could not be written",
               {{"method", entry.method}, {"error", e.what()}});
  }
}

auth::Principal authenticate(const ServiceContext& service, const grpc::ServerContext* context) {
  return service.verifier().verify(metadata(context, "authorization"));
}

void authorise_role(const auth::Principal& principal, const MethodPolicy& policy) {
  if (std::find(policy.roles.begin(), policy.roles.end(), principal.role) == policy.roles.end()) {
    throw permission_denied("role " + std::string(auth::role_name(principal.role)) +
                            " may not call " + policy.name);
  }
}

// A mutation that did not complete: what its audit entry says, and the status to send. Bugs
// (kInternal, unexpected exceptions) are logged here and shown to callers only as
// "internal error".
grpc::Status failed(AuditEntry& audit, const Error& e, grpc::ServerContext* context) {
  const bool bug = e.code() == ErrorCode::kInternal;
  if (bug) log::error("call failed", {{"method", audit.method}, {"error", e.what()}});
  audit.outcome = bug ? "failed" : "refused";
  audit.status = status_code_name(to_grpc_code(e.code()));
  audit.detail = bug ? "internal error" : e.what();
  return to_status(e, context);
}

grpc::Status failed(AuditEntry& audit, const std::exception& e) {
  log::error("call failed", {{"method", audit.method}, {"error", e.what()}});
  audit.outcome = "failed";
  audit.status = "INTERNAL";
  audit.detail = "internal error";
  return grpc::Status(grpc::StatusCode::INTERNAL, "internal error");
}

// Authenticates and authorises a mutating call; a refusal is audited (with who tried, when the
// token was good) and returned as the status to send.
std::optional<grpc::Status> admit(const ServiceContext& service, grpc::ServerContext* context,
                                  const MethodPolicy& policy,
                                  std::optional<auth::Principal>& principal, AuditEntry& audit) {
  try {
    principal = authenticate(service, context);
    audit.principal = &*principal;
    authorise_role(*principal, policy);
    return std::nullopt;
  } catch (const Error& e) {
    audit.outcome = "refused";
    audit.status = status_code_name(to_grpc_code(e.code()));
    audit.detail = e.what();
    audit_separately(service, audit);
    return to_status(e, context);
  }
}

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

}  // namespace

void prepare_handler_statements(pqxx::connection& connection) {
  connection.prepare("vnn_idempotency_claim",
                     "INSERT INTO idempotency_key (method, request_id, subject, request_hash) "
                     "VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING 1");
  connection.prepare("vnn_idempotency_lookup",
                     "SELECT subject, request_hash, response FROM idempotency_key "
                     "WHERE method = $1 AND request_id = $2");
  // Storing the response and auditing the call are one round trip on the hot path.
  connection.prepare("vnn_idempotency_store_and_audit",
                     "WITH stored AS (UPDATE idempotency_key SET response = $11 "
                     "WHERE method = $4 AND request_id = $5) "
                     "INSERT INTO audit_log (subject, role, unit_codes, method, request_id, "
                     "correlation_id, outcome, status_code, detail, changes) "
                     "VALUES ($1, $2, $3::text[], $4, $5, $6, $7, $8, $9, $10::jsonb)");
  connection.prepare("vnn_audit_insert",
                     "INSERT INTO audit_log (subject, role, unit_codes, method, request_id, "
                     "correlation_id, outcome, status_code, detail, changes) "
                     "VALUES ($1, $2, $3::text[], $4, $5, $6, $7, $8, $9, $10::jsonb)");
}

grpc::Status query(const ServiceContext& service, grpc::ServerContext* context,
                   const MethodPolicy& policy, const QueryBody& body) {
  CallMetrics metrics(service, policy.name);
  log::CorrelationScope correlation(correlation_of(context));
  try {
    auth::Principal principal = authenticate(service, context);
    authorise_role(principal, policy);
    CallContext call(service, std::move(principal), policy.name, log::correlation_id(),
                     deadline_of(context));
    body(call);
    return metrics.done(grpc::Status::OK);
  } catch (const Error& e) {
    if (e.code() == ErrorCode::kInternal)
      log::error("call failed", {{"method", policy.name}, {"error", e.what()}});
    return metrics.done(to_status(e, context));
  } catch (const std::exception& e) {
    log::error("call failed", {{"method", policy.name}, {"error", e.what()}});
    return metrics.done(grpc::Status(grpc::StatusCode::INTERNAL, "internal error"));
  }
}

grpc::Status mutation(const ServiceContext& service, grpc::ServerContext* context,
                      const MethodPolicy& policy, const std::string& request_id,
                      const google::protobuf::Message& request, google::protobuf::Message* response,
                      const MutationBody& body) {
  CallMetrics metrics(service, policy.name);
  log::CorrelationScope correlation(correlation_of(context));
  AuditEntry audit{.method = policy.name,
                   .request_id = request_id.substr(0, kMaxRequestIdLength),
                   .correlation_id = log::correlation_id()};
  std::optional<auth::Principal> principal;
  if (auto refused = admit(service, context, policy, principal, audit)) {
    return metrics.done(*refused);
  }
  CallContext call(service, *principal, policy.name, log::correlation_id(), deadline_of(context));
  try {
    if (request_id.empty()) throw invalid_argument("request_id", "is required");
    if (request_id.size() > kMaxRequestIdLength) {
      throw invalid_argument("request_id", "is longer than 128 characters");
    }
    const std::string request_hash = sha256(deterministic_bytes(request));
    bool replayed = false;
    db::with_transaction(service.pool(), call.tx_options(), [&](pqxx::transaction_base& tx) {
      replayed = false;
      response->Clear();
      call.clear_audit();  // a retried attempt starts from nothing
      // Concurrent retries of one request id wait here for the first to commit or roll back.
      auto claimed =
          tx.exec_prepared("vnn_idempotency_claim", policy.name, request_id, principal->subject,
                           pqxx::binarystring(request_hash.data(), request_hash.size()));
      if (claimed.empty()) {
        auto row = tx.exec_prepared1("vnn_idempotency_lookup", policy.name, request_id);
        pqxx::binarystring stored_hash(row[1]);
        if (row[0].as<std::string>() != principal->subject || stored_hash.str() != request_hash) {
          throw invalid_argument("request_id", "was already used for a different request");
        }
        pqxx::binarystring stored(row[2]);
        if (!response->ParseFromArray(stored.data(), static_cast<int>(stored.size()))) {
          throw Error(ErrorCode::kInternal, "stored response unreadable");
        }
        replayed = true;
        AuditEntry entry = audit;
        entry.outcome = "ok";
        entry.status = "OK";
        entry.detail = "replayed";
        write_audit(tx, entry);
        return;
      }
      body(call, tx);
      const std::string bytes = response->SerializeAsString();
      tx.exec_prepared("vnn_idempotency_store_and_audit", principal->subject,
                       std::string(auth::role_name(principal->role)),
                       db::text_array(principal->unit_codes), policy.name, request_id,
                       audit.correlation_id, "ok", "OK", "", call.audit_changes().dump(),
                       pqxx::binarystring(bytes.data(), bytes.size()));
    });
    if (replayed) log::debug("request replayed", {{"method", policy.name}});
    return metrics.done(grpc::Status::OK);
  } catch (const Error& e) {
    auto status = failed(audit, e, context);
    audit_separately(service, audit);
    return metrics.done(status);
  } catch (const std::exception& e) {
    auto status = failed(audit, e);
    audit_separately(service, audit);
    return metrics.done(status);
  }
}

grpc::Status streaming_mutation(const ServiceContext& service, grpc::ServerContext* context,
                                const MethodPolicy& policy, const std::string& request_id,
                                const QueryBody& body) {
  CallMetrics metrics(service, policy.name);
  log::CorrelationScope correlation(correlation_of(context));
  AuditEntry audit{.method = policy.name,
                   .request_id = request_id.substr(0, kMaxRequestIdLength),
                   .correlation_id = log::correlation_id()};
  std::optional<auth::Principal> principal;
  if (auto refused = admit(service, context, policy, principal, audit)) {
    return metrics.done(*refused);
  }
  CallContext call(service, *principal, policy.name, log::correlation_id(), deadline_of(context));
  grpc::Status status = grpc::Status::OK;
  try {
    body(call);
    audit.outcome = "ok";
    audit.status = "OK";
  } catch (const Error& e) {
    status = failed(audit, e, context);
  } catch (const std::exception& e) {
    status = failed(audit, e);
  }
  // What was committed before a failure stays committed: the audit says how far it got.
  audit.changes = call.audit_changes();
  audit_separately(service, audit);
  return metrics.done(status);
}

}  // namespace vnn::platform::rpc
