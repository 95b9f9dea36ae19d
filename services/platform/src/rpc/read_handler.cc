#include "vnn/platform/rpc/read_handler.h"

#include "vnn/platform/db/arrays.h"
#include "vnn/platform/db/transaction.h"

namespace vnn::platform::rpc {
namespace {

// One row per record whose personal data the response carries in clear, in the read's own
// transaction: the read and its record commit together or not at all.
void record_personal_reads(const CallContext& call, pqxx::transaction_base& tx) {
  const auto& reads = call.personal_reads();
  if (reads.empty()) return;
  std::vector<std::string> kinds;
  std::vector<std::int64_t> ids;
  for (const auto& [kind, id] : reads) {
    kinds.push_back(kind);
    ids.push_back(id);
  }
  const auto& who = call.principal();
  tx.exec_params(
      "INSERT INTO personal_data_read (subject, role, unit_codes, method, correlation_id, "
      "record_kind, record_id) SELECT $1, $2, $3::text[], $4, $5, r.kind, r.id "
      "FROM unnest($6::text[], $7::bigint[]) AS r(kind, id)",
      who.subject, std::string(auth::role_name(who.role)), db::text_array(who.unit_codes),
      call.method(), call.correlation_id(), db::text_array(kinds), db::bigint_array(ids));
}

}  // namespace

grpc::Status read(const ServiceContext& service, grpc::ServerContextBase* context,
                  const MethodPolicy& policy, google::protobuf::Message* response,
                  const ReadBody& body) {
  return query(service, context, policy, [&](CallContext& call) {
    db::with_transaction(service.pool(), call.tx_options(), [&](pqxx::transaction_base& tx) {
      response->Clear();
      call.clear_personal_reads();
      body(call, tx);
      record_personal_reads(call, tx);
    });
  });
}

}  // namespace vnn::platform::rpc
