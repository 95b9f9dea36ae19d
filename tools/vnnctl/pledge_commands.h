#pragma once
// vnnctl's pledge commands: record a donor's promise, list pledges with what was given.

#include <grpcpp/grpcpp.h>

#include <CLI/CLI.hpp>
#include <functional>
#include <memory>

#include "donation_commands.h"

namespace vnn::cli {

// Adds "pledge record|list"; returns the function that runs whichever was parsed (-1 when none).
std::function<int(const std::shared_ptr<grpc::Channel>&)> add_pledge_commands(
    CLI::App& app, const GlobalOptions& options);

}  // namespace vnn::cli
