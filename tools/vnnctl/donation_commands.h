#pragma once
// vnnctl's commands for funds, campaigns and donations.

#include <grpcpp/grpcpp.h>

#include <CLI/CLI.hpp>
#include <functional>
#include <memory>
#include <string>

namespace vnn::cli {

struct GlobalOptions {
  std::string target = "127.0.0.1:17051";            // donation
  std::string household_target = "127.0.0.1:17052";  // household-review
  std::string token;
  std::string lang = "vi";
  bool english() const { return lang == "en"; }
  std::unique_ptr<grpc::ClientContext> context() const;
};

// Adds "fund", "campaign", "mobiliser", "donation" and "totals"; returns the function that runs
// whichever of them was parsed (returns -1 when none was).
std::function<int(const std::shared_ptr<grpc::Channel>&)> add_donation_commands(
    CLI::App& app, const GlobalOptions& options);

}  // namespace vnn::cli
