#pragma once
// vnnctl's commands for the household-review service: the official list of poor and near-poor
// households, a commune's submission for a campaign, the district's review, duplicates,
// assignment to member organisations, coverage and outcomes. They talk to --household-target.

#include <grpcpp/grpcpp.h>

#include <CLI/CLI.hpp>
#include <functional>
#include <memory>

#include "donation_commands.h"

namespace vnn::cli {

// Adds "household …", "duplicates list|resolve" and "coverage"; returns the function that runs
// whichever was parsed on the household-review channel (-1 when none was).
std::function<int(const std::shared_ptr<grpc::Channel>&)> add_household_commands(
    CLI::App& app, const GlobalOptions& options);

}  // namespace vnn::cli
