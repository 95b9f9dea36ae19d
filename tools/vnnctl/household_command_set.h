#pragma once
// What the household commands share: the values read from the command line, and the set of
// subcommands with what each runs against the household review service.

#include <CLI/CLI.hpp>
#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "vnn/household_review/v1/household_review.grpc.pb.h"

namespace vnn::cli {

using HouseholdStub = household_review::v1::HouseholdReviewService::Stub;

struct HouseholdInputs {
  std::string request_id, unit, file, hamlet, status, housing, name, campaign, proposal,
      received_on, reason, organisation, date, summary, decision;
  std::vector<std::int64_t> ids;
  std::vector<std::string> references;
  std::int64_t id = 0, submission = 0, keep = 0;
  int limit = 0;
  bool exemplary = false, ids_only = false, open_only = false, json = false;
};

class HouseholdCommandSet {
 public:
  using Run = std::function<int(HouseholdStub*)>;
  void add(CLI::App* command, Run run) { commands_.emplace_back(command, std::move(run)); }
  // Runs the subcommand that was parsed; -1 when none of these was.
  int run_parsed(HouseholdStub* stub) const {
    for (const auto& [command, run] : commands_) {
      if (command->parsed()) return run(stub);
    }
    return -1;
  }

 private:
  std::vector<std::pair<CLI::App*, Run>> commands_;
};

}  // namespace vnn::cli
