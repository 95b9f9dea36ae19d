// vnn-reporting: the reporting service process. It only describes the service; the platform
// runs it (see vnn/platform/service_main.h).

#include <CLI/CLI.hpp>

#include "progress_hub.h"
#include "read_models.h"
#include "reporting_service.h"
#include "reporting_settings.h"
#include "snapshot_publisher.h"
#include "statements.h"
#include "vnn/platform/service_main.h"

namespace vnn::reporting::generated {
std::vector<vnn::platform::EmbeddedFile> reporting_migrations();
}

int main(int argc, char** argv) {
  static vnn::reporting::ReportingSettings settings;
  static vnn::reporting::ProgressHub hub;
  vnn::platform::ServiceDefinition definition;
  definition.name = "reporting";
  definition.schema = "reporting";
  definition.runtime_role = "vnn_reporting";
  definition.description =
      "VNN reporting service: campaign progress, final reports, commendation, public disclosure "
      "and reconciliation";
  definition.migrations = {"reporting", vnn::reporting::generated::reporting_migrations()};
  // What communes sent is kept as sent.
  definition.append_only_tables = {"results_report"};
  definition.prepare = vnn::reporting::prepare_statements;
  definition.add_options = [](CLI::App& app) {
    vnn::reporting::add_reporting_options(app, settings);
  };
  definition.validate = [] { vnn::reporting::validate_reporting_settings(settings); };
  definition.make_services = [](vnn::platform::rpc::ServiceContext& context) {
    std::vector<std::unique_ptr<grpc::Service>> services;
    services.push_back(
        std::make_unique<vnn::reporting::ReportingServiceImpl>(context, settings, hub));
    return services;
  };
  definition.consumers = [](vnn::platform::rpc::ServiceContext&) {
    return std::vector<vnn::platform::events::ConsumerSpec>{
        vnn::reporting::donation_consumer(hub), vnn::reporting::household_consumer(hub),
        vnn::reporting::allocation_consumer(hub)};
  };
  definition.background = vnn::reporting::live_background(settings, hub);
  const int code = vnn::platform::service_main(argc, argv, definition);
  hub.stop();
  return code;
}
