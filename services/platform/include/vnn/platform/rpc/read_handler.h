#pragma once
// The read-only call, written once: authenticate and authorise through rpc::query, then run
// the body in one transaction bound to the call's deadline. The body may run again when
// PostgreSQL asks for a retry, so the response is cleared before every attempt.
//
//   grpc::Status GetThing(grpc::ServerContext* ctx, const Req* req, Thing* resp) override {
//     return rpc::read(service_, ctx, kGetThing, resp,
//                      [&](rpc::CallContext& call, pqxx::transaction_base& tx) { … });
//   }

#include <google/protobuf/message.h>
#include <grpcpp/server_context.h>
#include <grpcpp/support/status.h>

#include <functional>
#include <pqxx/pqxx>

#include "vnn/platform/rpc/call_context.h"
#include "vnn/platform/rpc/handler.h"
#include "vnn/platform/rpc/service_context.h"

namespace vnn::platform::rpc {

using ReadBody = std::function<void(CallContext&, pqxx::transaction_base&)>;

grpc::Status read(const ServiceContext& service, grpc::ServerContextBase* context,
                  const MethodPolicy& policy, google::protobuf::Message* response,
                  const ReadBody& body);

}  // namespace vnn::platform::rpc
