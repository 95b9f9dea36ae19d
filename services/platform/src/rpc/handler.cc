#include "vnn/platform/rpc/handler.h"

#include "idempotency_store.h"
#include "pipeline.h"
#include "status_mapping.h"
#include "vnn/platform/db/arrays.h"
#include "vnn/platform/db/transaction.h"
#include "vnn/platform/errors.h"
#include "vnn/platform/log.h"
#include "vnn/platform/text/scrub.h"

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
  detail::prepare_idempotency_statements(connection);
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
    if (e.code() == ErrorCode::kUnauthenticated) service.note_unauthenticated(policy.name);
    if (e.code() == ErrorCode::kInternal)
      log::error("call failed",
                 {{"method", policy.name}, {"error", text::scrub_database_error(e.what())}});
    return metrics.done(to_status(e, context));
  } catch (const std::exception& e) {
    log::error("call failed",
               {{"method", policy.name}, {"error", text::scrub_database_error(e.what())}});
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
      if (!detail::claim(tx, policy.name, request_id, principal->subject, request_hash)) {
        detail::replay(detail::stored_request(tx, policy.name, request_id, principal->subject),
                       principal->subject, request_hash, response);
        replayed = true;
        AuditEntry entry = audit;
        entry.outcome = "ok";
        entry.status = "OK";
        entry.detail = "replayed";
        write_audit(tx, entry);
        return;
      }
      body(call, tx);
      AuditEntry entry = audit;
      entry.outcome = "ok";
      entry.status = "OK";
      entry.changes = call.audit_changes();
      detail::store_response_and_audit(tx, entry, request_id, *response);
    });
    if (replayed) log::debug("request replayed", {{"method", policy.name}});
    return metrics.done(grpc::Status::OK);
  } catch (const Error& e) {
    auto status = failed(audit, e, context);
    detail::audit_in_background(service, audit);
    return metrics.done(status);
  } catch (const std::exception& e) {
    auto status = failed(audit, e);
    detail::audit_in_background(service, audit);
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
