#pragma once
// vnnctl's commands for funds, campaigns and donations.

#include <grpcpp/grpcpp.h>

#include <CLI/CLI.hpp>
#include <functional>
#include <memory>
#include <string>

#include "global_options.h"

namespace vnn::cli {

// Adds "fund", "campaign", "mobiliser", "donation" and "totals"; returns the function that runs
// whichever of them was parsed (returns -1 when none was).
std::function<int(const std::shared_ptr<grpc::Channel>&)> add_donation_commands(
    CLI::App& app, const GlobalOptions& options);

}  // namespace vnn::cli
