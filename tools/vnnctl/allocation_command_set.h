#pragma once
// What the allocation commands share: the values read from the command line, and the set of
// subcommands with what each runs against the allocation service.

#include <CLI/CLI.hpp>
#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "vnn/allocation/v1/allocation.grpc.pb.h"

namespace vnn::cli {

using AllocationStub = allocation::v1::AllocationService::Stub;

struct AllocationInputs {
  std::string request_id, campaign, unit, kind, state, note, proposed_on, land_certificate, on,
      evidence, reason, fund, as_of, page_token;
  std::vector<std::string> parts;
  std::vector<std::int64_t> ids;
  std::int64_t id = 0, household = 0;
  bool json = false, all = false;
};

class AllocationCommandSet {
 public:
  using Run = std::function<int(AllocationStub*)>;
  void add(CLI::App* command, Run run) { commands_.emplace_back(command, std::move(run)); }
  // Runs the subcommand that was parsed; -1 when none of these was.
  int run_parsed(AllocationStub* stub) const {
    for (const auto& [command, run] : commands_) {
      if (command->parsed()) return run(stub);
    }
    return -1;
  }

 private:
  std::vector<std::pair<CLI::App*, Run>> commands_;
};

}  // namespace vnn::cli
