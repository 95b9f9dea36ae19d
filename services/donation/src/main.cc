// vnn-donation: the donation service process. It only describes the service; the platform
// runs it (see vnn/platform/service_main.h).

#include <CLI/CLI.hpp>

#include "admin_unit_service.h"
#include "donation_service.h"
#include "donation_settings.h"
#include "statements.h"
#include "vnn/platform/service_main.h"

namespace vnn::donation::generated {
std::vector<vnn::platform::EmbeddedFile> donation_migrations();
}

int main(int argc, char** argv) {
  static vnn::donation::DonationSettings settings;
  vnn::platform::ServiceDefinition definition;
  definition.name = "donation";
  definition.schema = "donation";
  definition.runtime_role = "vnn_donation";
  definition.description = "VNN donation service: campaigns, funds, donations and receipts";
  definition.migrations = {"donation", vnn::donation::generated::donation_migrations()};
  // Posted records and change histories: corrected by new records, never changed.
  definition.append_only_tables = {"donation",         "receipt_print", "pledge",
                                   "campaign_change",  "fund_change",   "reversal_request",
                                   "reversal_decision"};
  definition.prepare = vnn::donation::prepare_statements;
  definition.add_options = [](CLI::App& app) {
    vnn::donation::add_donation_options(app, settings);
  };
  definition.validate = [] { vnn::donation::load_donation_secrets(settings); };
  definition.make_services = [](vnn::platform::rpc::ServiceContext& context) {
    std::vector<std::unique_ptr<grpc::Service>> services;
    services.push_back(std::make_unique<vnn::donation::AdminUnitService>(context));
    services.push_back(std::make_unique<vnn::donation::DonationServiceImpl>(context, settings));
    return services;
  };
  return vnn::platform::service_main(argc, argv, definition);
}
