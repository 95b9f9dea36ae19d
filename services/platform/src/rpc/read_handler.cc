#include "vnn/platform/rpc/read_handler.h"

#include "vnn/platform/db/transaction.h"

namespace vnn::platform::rpc {

grpc::Status read(const ServiceContext& service, grpc::ServerContextBase* context,
                  const MethodPolicy& policy, google::protobuf::Message* response,
                  const ReadBody& body) {
  return query(service, context, policy, [&](CallContext& call) {
    db::with_transaction(service.pool(), call.tx_options(), [&](pqxx::transaction_base& tx) {
      response->Clear();
      body(call, tx);
    });
  });
}

}  // namespace vnn::platform::rpc
