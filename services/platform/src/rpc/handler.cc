#include "vnn/platform/rpc/handler.h"

#include "pipeline.h"
#include "status_mapping.h"
#include "vnn/platform/db/arrays.h"
#include "vnn/platform/db/transaction.h"
#include "vnn/platform/errors.h"
#include "vnn/platform/log.h"
#include "vnn/platform/rpc/group_commit.h"

namespace vnn::platform::rpc {

using detail::admit;
using detail::audit_separately;
using detail::AuditEntry;
using detail::authenticate;
using detail::authorise_role;
using detail::CallMetrics;
using detail::correlation_of;
using detail::deadline_of;
using detail::failed;
using detail::kMaxRequestIdLength;
using detail::write_audit;

void prepare_handler_statements(pqxx::connection& connection) {
  GroupCommit::prepare(connection);
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

grpc::Status query(const ServiceContext& service, grpc::ServerContextBase* context,
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
    return metrics.done(to_status(Error(ErrorCode::kInternal, "internal error"), context));
  }
}

grpc::Status mutation(const ServiceContext& service, grpc::ServerContextBase* context,
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
    detail::check_request_id(request_id);
    const std::string request_hash = detail::request_hash(request);
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
          throw invalid_argument("request_id", "was already used for a different request")
              .with_reason(reason::kRequestIdReused);
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

grpc::Status streaming_mutation(const ServiceContext& service, grpc::ServerContextBase* context,
                                const MethodPolicy& policy, const StreamingBody& body) {
  CallMetrics metrics(service, policy.name);
  log::CorrelationScope correlation(correlation_of(context));
  AuditEntry audit{.method = policy.name, .correlation_id = log::correlation_id()};
  std::optional<auth::Principal> principal;
  if (auto refused = admit(service, context, policy, principal, audit)) {
    return metrics.done(*refused);
  }
  CallContext call(service, *principal, policy.name, log::correlation_id(), deadline_of(context));
  grpc::Status status = grpc::Status::OK;
  std::string request_id;
  try {
    body(call, request_id);
    audit.outcome = "ok";
    audit.status = "OK";
  } catch (const Error& e) {
    status = failed(audit, e, context);
  } catch (const std::exception& e) {
    status = failed(audit, e);
  }
  // What was committed before a failure stays committed: the audit says how far it got.
  audit.request_id = request_id.substr(0, kMaxRequestIdLength);
  audit.changes = call.audit_changes();
  audit_separately(service, audit);
  return metrics.done(status);
}

}  // namespace vnn::platform::rpc
