// vnn-donation: the donation service process. It only describes the service; the platform
// runs it (see vnn/platform/service_main.h).

#include "admin_unit_service.h"
#include "vnn/platform/service_main.h"

namespace vnn::donation::generated {
std::vector<vnn::platform::EmbeddedFile> donation_migrations();
}

int main(int argc, char** argv) {
  vnn::platform::ServiceDefinition definition;
  definition.name = "donation";
  definition.schema = "donation";
  definition.runtime_role = "vnn_donation";
  definition.description = "VNN donation service: campaigns, funds, donations and receipts";
  definition.migrations = {"donation", vnn::donation::generated::donation_migrations()};
  definition.make_services = [](vnn::platform::rpc::ServiceContext& context) {
    std::vector<std::unique_ptr<grpc::Service>> services;
    services.push_back(std::make_unique<vnn::donation::AdminUnitService>(context));
    return services;
  };
  return vnn::platform::service_main(argc, argv, definition);
}
