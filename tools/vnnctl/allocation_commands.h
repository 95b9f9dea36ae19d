#pragma once
// vnnctl's commands for the allocation service (giving support from the funds), one file per
// job:
//   allocation_support_commands.cc  regulation; support propose|approve|preview-batch|
//                                   approve-batch|disburse|complete|cancel|show|list
//   allocation_ledger_commands.cc   fund balance|balances|ledger|verify; allocation totals
// They talk to --allocation-target. Tables in Vietnamese (--lang en: English); --json prints
// the service's answer for scripts instead.

#include <grpcpp/grpcpp.h>

#include <CLI/CLI.hpp>
#include <functional>
#include <memory>
#include <string>

#include "allocation_command_set.h"
#include "global_options.h"
#include "output.h"

namespace vnn::cli {

// Adds "regulation", "support …", "allocation totals" and, to the "fund" command the donation
// commands made (or a new one), "balance", "balances", "ledger" and "verify"; returns the
// function that runs whichever was parsed on the allocation channel (-1 when none was).
std::function<int(const std::shared_ptr<grpc::Channel>&)> add_allocation_commands(
    CLI::App& app, const GlobalOptions& options);

void add_allocation_support_commands(CLI::App& app, const GlobalOptions& options,
                                     const std::shared_ptr<AllocationInputs>& in,
                                     AllocationCommandSet& commands);
void add_allocation_ledger_commands(CLI::App& app, const GlobalOptions& options,
                                    const std::shared_ptr<AllocationInputs>& in,
                                    AllocationCommandSet& commands);

}  // namespace vnn::cli
