#include "admin_unit_service.h"

#include "vnn/platform/errors.h"
#include "vnn/platform/proto_convert.h"
#include "vnn/platform/rpc/handler.h"

namespace vnn::donation {
namespace {

using platform::auth::Role;

// Reference data: every role may read it, the public included.
const std::vector<Role> kEveryone{
    Role::kDistrictOffice,     Role::kCommuneOfficer, Role::kSocialAffairsOfficer,
    Role::kMemberOrganisation, Role::kAgency,         Role::kAuditor,
    Role::kIntegration,        Role::kPublic,         Role::kService};
const platform::rpc::MethodPolicy kGetUnit{
    "vnn.donation.v1.AdministrativeUnitService/GetAdministrativeUnit", kEveryone};
const platform::rpc::MethodPolicy kListUnits{
    "vnn.donation.v1.AdministrativeUnitService/ListAdministrativeUnits", kEveryone};

}  // namespace

grpc::Status AdminUnitService::GetAdministrativeUnit(
    grpc::ServerContext* context, const v1::GetAdministrativeUnitRequest* request,
    common::v1::AdminUnit* response) {
  return platform::rpc::query(context_, context, kGetUnit, [&](platform::rpc::CallContext&) {
    const auto date = platform::date_or_today(request->unit().valid_on(), "unit.valid_on");
    if (request->unit().code().empty()) {
      throw platform::invalid_argument("unit.code", "is required");
    }
    const auto* unit = context_.units().find(request->unit().code(), date);
    if (unit == nullptr) {
      throw platform::not_found("no administrative unit " + request->unit().code() + " on " +
                                date.iso());
    }
    platform::to_proto(*unit, response);
  });
}

grpc::Status AdminUnitService::ListAdministrativeUnits(
    grpc::ServerContext* context, const v1::ListAdministrativeUnitsRequest* request,
    v1::ListAdministrativeUnitsResponse* response) {
  return platform::rpc::query(context_, context, kListUnits, [&](platform::rpc::CallContext&) {
    const auto date = platform::date_or_today(request->valid_on(), "valid_on");
    if (!request->parent_code().empty() &&
        context_.units().find(request->parent_code(), date) == nullptr) {
      throw platform::invalid_argument(
          "parent_code",
          "unknown administrative unit " + request->parent_code() + " on " + date.iso());
    }
    for (const auto* unit : context_.units().children(request->parent_code(), date)) {
      platform::to_proto(*unit, response->add_units());
    }
  });
}

}  // namespace vnn::donation
