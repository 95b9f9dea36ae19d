// vnn-allocation: the allocation service process. It only describes the service; the
// platform runs it (see vnn/platform/service_main.h).

#include <CLI/CLI.hpp>

#include "allocation_service.h"
#include "allocation_settings.h"
#include "donation_events.h"
#include "household_events.h"
#include "statements.h"
#include "vnn/platform/service_main.h"

namespace vnn::allocation::generated {
std::vector<vnn::platform::EmbeddedFile> allocation_migrations();
}

int main(int argc, char** argv) {
  static vnn::allocation::AllocationSettings settings;
  vnn::platform::ServiceDefinition definition;
  definition.name = "allocation";
  definition.schema = "allocation";
  definition.runtime_role = "vnn_allocation";
  definition.description =
      "VNN allocation service: the regulation, support decisions and the fund ledger";
  definition.migrations = {"allocation", vnn::allocation::generated::allocation_migrations()};
  // Posted is never edited: corrections are new postings; decisions keep their history.
  definition.append_only_tables = {"posting", "reservation", "reservation_resolution",
                                   "support_funding", "support_transition"};
  definition.prepare = vnn::allocation::prepare_statements;
  definition.add_options = [](CLI::App& app) {
    vnn::allocation::add_allocation_options(app, settings);
  };
  definition.validate = [] { vnn::allocation::validate_allocation_settings(settings); };
  definition.make_services = [](vnn::platform::rpc::ServiceContext& context) {
    std::vector<std::unique_ptr<grpc::Service>> services;
    services.push_back(std::make_unique<vnn::allocation::AllocationServiceImpl>(context, settings));
    return services;
  };
  definition.consumers = [](vnn::platform::rpc::ServiceContext& context) {
    return std::vector<vnn::platform::events::ConsumerSpec>{
        vnn::allocation::donation_consumer(context), vnn::allocation::household_consumer()};
  };
  return vnn::platform::service_main(argc, argv, definition);
}
