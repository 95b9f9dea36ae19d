#include "household_commands.h"

namespace vnn::cli {

std::function<int(const std::shared_ptr<grpc::Channel>&)> add_household_commands(
    CLI::App& app, const GlobalOptions& options) {
  auto in = std::make_shared<HouseholdInputs>();
  auto commands = std::make_shared<HouseholdCommandSet>();
  auto* household = app.add_subcommand("household", "poor and near-poor households (hộ nghèo)")
                        ->require_subcommand(1);
  add_household_registry_commands(household, options, in, *commands);
  add_household_review_commands(household, options, in, *commands);
  add_household_assignment_commands(app, household, options, in, *commands);
  add_duplicate_commands(app, options, in, *commands);
  return [commands](const std::shared_ptr<grpc::Channel>& channel) -> int {
    auto stub = household_review::v1::HouseholdReviewService::NewStub(channel);
    return commands->run_parsed(stub.get());
  };
}

}  // namespace vnn::cli
