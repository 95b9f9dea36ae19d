#pragma once
// gRPC handlers for the administrative-unit reference data.

#include "vnn/donation/v1/admin_units.grpc.pb.h"
#include "vnn/platform/rpc/service_context.h"

namespace vnn::donation {

class AdminUnitService final : public vnn::donation::v1::AdministrativeUnitService::Service {
 public:
  explicit AdminUnitService(platform::rpc::ServiceContext& context) : context_(context) {}

  grpc::Status GetAdministrativeUnit(grpc::ServerContext* context,
                                     const v1::GetAdministrativeUnitRequest* request,
                                     common::v1::AdminUnit* response) override;
  grpc::Status ListAdministrativeUnits(grpc::ServerContext* context,
                                       const v1::ListAdministrativeUnitsRequest* request,
                                       v1::ListAdministrativeUnitsResponse* response) override;

 private:
  platform::rpc::ServiceContext& context_;
};

}  // namespace vnn::donation
