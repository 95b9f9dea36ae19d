#pragma once
// The one place every RPC handler passes through. It authenticates the bearer token,
// authorises the role, sets the correlation id, binds the deadline, translates errors to gRPC
// status codes, records metrics and — for mutations — runs the work in one transaction with the
// idempotency record (AIP-155) and the audit entry. Refused calls are audited too.
//
//   grpc::Status RecordThing(grpc::ServerContext* ctx, const Req* req, Resp* resp) override {
//     return rpc::mutation(service_, ctx, kRecordThing, *req, resp,
//                          [&](rpc::CallContext& call, pqxx::transaction_base& tx) { … });
//   }

#include <google/protobuf/message.h>
#include <grpcpp/server_context.h>
#include <grpcpp/support/status.h>

#include <functional>
#include <initializer_list>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "vnn/platform/auth/principal.h"
#include "vnn/platform/rpc/call_context.h"
#include "vnn/platform/rpc/service_context.h"

namespace vnn::platform::rpc {

struct MethodPolicy {
  std::string name;               // "vnn.donation.v1.DonationService/RecordDonation"
  std::vector<auth::Role> roles;  // roles allowed to call it at all
};

using QueryBody = std::function<void(CallContext&)>;
using MutationBody = std::function<void(CallContext&, pqxx::transaction_base&)>;

// Read-only call: authenticate, authorise, run `body` (which fills the response).
grpc::Status query(const ServiceContext& service, grpc::ServerContextBase* context,
                   const MethodPolicy& policy, const QueryBody& body);

// Mutating call: `request_id` is the request's idempotency key; `response` is filled by `body`
// on the first call and restored from storage on a retry. `body` runs inside the transaction.
grpc::Status mutation(const ServiceContext& service, grpc::ServerContextBase* context,
                      const MethodPolicy& policy, const std::string& request_id,
                      const google::protobuf::Message& request, google::protobuf::Message* response,
                      const MutationBody& body);

// Streaming mutation (bulk intake): authenticate and authorise as above — before a single
// message of the stream is read — run `body`, which reads the stream and commits its own
// transactions, and audit the call — what it changed, as noted with call.audit(), and its
// outcome — in a transaction of its own. `body` sets the request id once it has read it (the
// first message); there is no single response to store, so idempotency is the body's business
// (e.g. a natural key per row).
using StreamingBody = std::function<void(CallContext&, std::string& request_id)>;
grpc::Status streaming_mutation(const ServiceContext& service, grpc::ServerContextBase* context,
                                const MethodPolicy& policy, const StreamingBody& body);

// Statements the pipeline uses (idempotency, audit); prepared on every pool connection. A
// GroupCommit prepares its own, on the pools of the services that run one.
void prepare_handler_statements(pqxx::connection& connection);

// Trailing-metadata key naming the request field at fault in an INVALID_ARGUMENT error.
inline constexpr const char* kErrorFieldKey = "vnn-error-field";
// Request metadata carrying the caller's correlation id (a new one is made when absent).
inline constexpr const char* kCorrelationIdKey = "x-correlation-id";

}  // namespace vnn::platform::rpc
