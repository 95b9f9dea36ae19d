#pragma once
// vnnctl donation reverse|decide|get|receipt: looking up and correcting a recorded donation. A
// reversal is asked for by one officer and approved (or rejected) by another; the donation stays
// on record and the approved reversal is posted beside it as a negative donation. A receipt may
// be printed again, marked as a copy.

#include <grpcpp/grpcpp.h>

#include <CLI/CLI.hpp>
#include <functional>
#include <memory>

#include "global_options.h"

namespace vnn::cli {

// Adds "reverse", "decide", "get" and "receipt" to the "donation" command add_donation_commands
// made; returns the function that runs whichever was parsed on the donation channel (-1 when none
// was).
std::function<int(const std::shared_ptr<grpc::Channel>&)> add_reversal_commands(
    CLI::App& app, const GlobalOptions& options);

}  // namespace vnn::cli
