#include "probe_service.h"

#include "vnn/platform/db/transaction.h"
#include "vnn/platform/errors.h"
#include "vnn/platform/rpc/handler.h"

namespace vnn::testing::generated {
std::vector<vnn::platform::EmbeddedFile> probe_migrations();
}

namespace vnn::testing {
namespace {

using platform::auth::Role;
const platform::rpc::MethodPolicy kRecordEntry{"vnn.testing.v1.ProbeService/RecordEntry",
                                               {Role::kCommuneOfficer, Role::kDistrictOffice}};
const platform::rpc::MethodPolicy kGetEntry{
    "vnn.testing.v1.ProbeService/GetEntry",
    {Role::kCommuneOfficer, Role::kDistrictOffice, Role::kAuditor}};
const platform::rpc::MethodPolicy kSleep{"vnn.testing.v1.ProbeService/Sleep",
                                         {Role::kDistrictOffice}};

}  // namespace

platform::db::MigrationSet probe_migrations() { return {"probe", generated::probe_migrations()}; }

platform::ServiceDefinition probe_definition(const std::string& schema) {
  platform::ServiceDefinition definition;
  definition.name = "probe";
  definition.schema = schema;
  definition.runtime_role = "vnn_" + schema;
  definition.description = "VNN probe service (tests only)";
  definition.migrations = probe_migrations();
  definition.make_services = [](platform::rpc::ServiceContext& context) {
    std::vector<std::unique_ptr<grpc::Service>> services;
    services.push_back(std::make_unique<ProbeServiceImpl>(context));
    return services;
  };
  return definition;
}

grpc::Status ProbeServiceImpl::RecordEntry(grpc::ServerContext* context,
                                           const v1::RecordEntryRequest* request,
                                           v1::Entry* response) {
  return platform::rpc::mutation(
      context_, context, kRecordEntry, request->request_id(), *request, response,
      [&](platform::rpc::CallContext& call, pqxx::transaction_base& tx) {
        if (request->amount().dong() <= 0) {
          throw platform::invalid_argument("amount.dong", "must be positive");
        }
        call.require_unit("unit_code", request->unit_code(), platform::Date::today_in_vietnam());
        auto row = tx.exec_params1(
            "INSERT INTO entry (unit_code, amount_dong, note) VALUES ($1, $2, $3) RETURNING id",
            request->unit_code(), request->amount().dong(), request->note());
        response->set_id(row[0].as<std::int64_t>());
        response->set_unit_code(request->unit_code());
        response->mutable_amount()->set_dong(request->amount().dong());
        response->set_note(request->note());
        v1::EntryRecorded event;
        event.set_id(response->id());
        event.set_unit_code(response->unit_code());
        event.set_amount_dong(response->amount().dong());
        context_.outbox().append(tx, {.aggregate_type = "entry",
                                      .event_name = "recorded",
                                      .aggregate_id = std::to_string(response->id()),
                                      .aggregate_version = 1,
                                      .payload = &event});
        call.audit("entry_id", response->id());
        if (request->fail_after_write()) throw std::runtime_error("probe failure after write");
      });
}

grpc::Status ProbeServiceImpl::GetEntry(grpc::ServerContext* context,
                                        const v1::GetEntryRequest* request, v1::Entry* response) {
  return platform::rpc::query(context_, context, kGetEntry, [&](platform::rpc::CallContext& call) {
    platform::db::with_transaction(
        context_.pool(), call.tx_options(), [&](pqxx::transaction_base& tx) {
          auto rows = tx.exec_params("SELECT unit_code, amount_dong, note FROM entry WHERE id = $1",
                                     request->id());
          if (rows.empty() ||
              !call.may_act_for(rows[0][0].c_str(), platform::Date::today_in_vietnam())) {
            throw platform::not_found("no entry " + std::to_string(request->id()));
          }
          response->set_id(request->id());
          response->set_unit_code(rows[0][0].c_str());
          response->mutable_amount()->set_dong(rows[0][1].as<std::int64_t>());
          response->set_note(rows[0][2].c_str());
        });
  });
}

grpc::Status ProbeServiceImpl::Sleep(grpc::ServerContext* context, const v1::SleepRequest* request,
                                     v1::SleepResponse*) {
  return platform::rpc::query(context_, context, kSleep, [&](platform::rpc::CallContext& call) {
    platform::db::with_transaction(
        context_.pool(), request->as_import() ? call.import_tx_options() : call.tx_options(),
        [&](pqxx::transaction_base& tx) {
          tx.exec_params("SELECT pg_sleep($1::float8 / 1000)", request->millis());
        });
  });
}

}  // namespace vnn::testing
