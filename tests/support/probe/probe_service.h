#pragma once
// The probe service (tests only): a minimal service on the platform, used to test the request
// pipeline, the outbox and the process life cycle without depending on a real service.

#include <string>

#include "vnn/platform/service_main.h"
#include "vnn/testing/v1/probe.grpc.pb.h"

namespace vnn::testing {

// The probe's definition for a given schema (tests use a fresh schema each).
platform::ServiceDefinition probe_definition(const std::string& schema);
platform::db::MigrationSet probe_migrations();

class ProbeServiceImpl final : public v1::ProbeService::Service {
 public:
  explicit ProbeServiceImpl(platform::rpc::ServiceContext& context) : context_(context) {}

  grpc::Status RecordEntry(grpc::ServerContext* context, const v1::RecordEntryRequest* request,
                           v1::Entry* response) override;
  grpc::Status GetEntry(grpc::ServerContext* context, const v1::GetEntryRequest* request,
                        v1::Entry* response) override;
  grpc::Status Sleep(grpc::ServerContext* context, const v1::SleepRequest* request,
                     v1::SleepResponse* response) override;

 private:
  platform::rpc::ServiceContext& context_;
};

}  // namespace vnn::testing
