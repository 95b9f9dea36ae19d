#pragma once
// vnnctl's commands for the reporting service (seeing the campaign), "report …":
//   reporting_commands.cc         progress, lagging, watch; the registration
//   reporting_report_commands.cc  final (or --out FILE.csv|FILE.xlsx), submit, commendation,
//                                 disclosure, reconcile
// They talk to --reporting-target. Tables in Vietnamese (--lang en: English); --json prints the
// service's answer for scripts instead.

#include <grpcpp/grpcpp.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "global_options.h"
#include "vnn/reporting/v1/reporting.grpc.pb.h"

namespace vnn::cli {

using ReportingStub = reporting::v1::ReportingService::Stub;

struct ReportingInputs {
  std::string campaign, unit, as_of, out, note, request_id, fund, page_token, received_on;
  int limit = 0;
  bool restated = false, mobilisers = false, used = false, all = false, json = false;
};

class ReportingCommandSet {
 public:
  using Run = std::function<int(ReportingStub*)>;
  void add(CLI::App* command, Run run) { commands_.emplace_back(command, std::move(run)); }
  // Runs the subcommand that was parsed; -1 when none of these was.
  int run_parsed(ReportingStub* stub) const {
    for (const auto& [command, run] : commands_) {
      if (command->parsed()) return run(stub);
    }
    return -1;
  }

 private:
  std::vector<std::pair<CLI::App*, Run>> commands_;
};

// Adds "report …"; returns the function that runs whichever was parsed on the reporting
// channel (-1 when none was).
std::function<int(const std::shared_ptr<grpc::Channel>&)> add_reporting_commands(
    CLI::App& app, const GlobalOptions& options);

void add_reporting_report_commands(CLI::App* report, const GlobalOptions& options,
                                   const std::shared_ptr<ReportingInputs>& in,
                                   ReportingCommandSet& commands);

// A call's context with the bearer token and `deadline` (none: a stream that runs until
// stopped).
std::unique_ptr<grpc::ClientContext> reporting_context(
    const GlobalOptions& options, std::optional<std::chrono::seconds> deadline);

}  // namespace vnn::cli
