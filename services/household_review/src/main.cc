// vnn-household-review: the household-review service process. It only describes the service;
// the platform runs it (see vnn/platform/service_main.h).

#include <CLI/CLI.hpp>
#include <cstdint>
#include <iostream>

#include "campaign_events.h"
#include "household_service.h"
#include "household_settings.h"
#include "reseal.h"
#include "statements.h"
#include "support_events.h"
#include "vnn/platform/service_main.h"

namespace vnn::household_review::generated {
std::vector<vnn::platform::EmbeddedFile> household_review_migrations();
}

int main(int argc, char** argv) {
  static vnn::household_review::HouseholdSettings settings;
  vnn::platform::ServiceDefinition definition;
  definition.name = "household_review";
  definition.schema = "household_review";
  definition.runtime_role = "vnn_household_review";
  definition.description =
      "VNN household-review service: households, submissions, review, duplicates, assignment";
  definition.migrations = {"household_review",
                           vnn::household_review::generated::household_review_migrations()};
  // Kept for ever: who decided what, and when.
  definition.append_only_tables = {"candidacy_transition",
                                   "duplicate_decision",
                                   "assignment_history",
                                   "late_override",
                                   "submission",
                                   "submission_household",
                                   "outcome"};
  definition.extensions = {"unaccent", "pg_trgm"};
  definition.prepare = vnn::household_review::prepare_statements;
  definition.add_options = [](CLI::App& app) {
    vnn::household_review::add_household_options(app, settings);
  };
  definition.validate = [] { vnn::household_review::load_household_secrets(settings); };
  definition.make_services = [](vnn::platform::rpc::ServiceContext& context) {
    std::vector<std::unique_ptr<grpc::Service>> services;
    services.push_back(
        std::make_unique<vnn::household_review::HouseholdReviewServiceImpl>(context, settings));
    return services;
  };
  static int reseal_batch = 500;
  static std::int64_t reseal_after = 0;
  definition.commands.push_back(vnn::platform::ServiceCommand{
      .name = "reseal-personal-data",
      .description = "seal every citizen id and address again under the current personal-data "
                     "key, bound to its row (key rotation; values without a key id)",
      .add_options =
          [](CLI::App& command) {
            command.add_option("--batch", reseal_batch, "rows per transaction")
                ->check(CLI::Range(1, 100000))
                ->capture_default_str();
            command.add_option("--after-household-id", reseal_after,
                               "only households with a greater id, and their persons");
          },
      .run =
          [](const vnn::platform::PlatformSettings& platform_settings) {
            const auto counts = vnn::household_review::reseal_personal_data(
                platform_settings.db.dsn, "household_review", settings, reseal_batch, reseal_after);
            std::cout << "resealed citizen_ids=" << counts.citizen_ids_resealed
                      << " addresses=" << counts.addresses_resealed
                      << " already_current=" << counts.already_current << "\n";
            return 0;
          },
  });
  definition.consumers = [](vnn::platform::rpc::ServiceContext&) {
    return std::vector<vnn::platform::events::ConsumerSpec>{
        vnn::household_review::campaign_consumer(),
        vnn::household_review::donation_support_consumer()};
  };
  return vnn::platform::service_main(argc, argv, definition);
}
