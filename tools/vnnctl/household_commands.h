#pragma once
// vnnctl's commands for the household review service, one file per resource:
//   household_registry_commands.cc    household import|list|get|outcome
//   household_review_commands.cc      household submit|override|review|resubmit|candidacies|rank
//   household_assignment_commands.cc  household assign, coverage
//   duplicate_commands.cc             duplicates list|resolve
// They talk to --household-target.

#include <grpcpp/grpcpp.h>

#include <CLI/CLI.hpp>
#include <functional>
#include <memory>

#include "global_options.h"
#include "household_command_set.h"

namespace vnn::cli {

// Adds "household …", "duplicates list|resolve" and "coverage"; returns the function that runs
// whichever was parsed on the household review channel (-1 when none was).
std::function<int(const std::shared_ptr<grpc::Channel>&)> add_household_commands(
    CLI::App& app, const GlobalOptions& options);

void add_household_registry_commands(CLI::App* household, const GlobalOptions& options,
                                     const std::shared_ptr<HouseholdInputs>& in,
                                     HouseholdCommandSet& commands);
void add_household_review_commands(CLI::App* household, const GlobalOptions& options,
                                   const std::shared_ptr<HouseholdInputs>& in,
                                   HouseholdCommandSet& commands);
void add_household_assignment_commands(CLI::App& app, CLI::App* household,
                                       const GlobalOptions& options,
                                       const std::shared_ptr<HouseholdInputs>& in,
                                       HouseholdCommandSet& commands);
void add_duplicate_commands(CLI::App& app, const GlobalOptions& options,
                            const std::shared_ptr<HouseholdInputs>& in,
                            HouseholdCommandSet& commands);

}  // namespace vnn::cli
