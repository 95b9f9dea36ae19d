#pragma once
// The options every vnnctl command takes: where the services are, who calls, which language.

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>

namespace vnn::cli {

struct GlobalOptions {
  std::string target = "127.0.0.1:17051";             // donation
  std::string household_target = "127.0.0.1:17052";   // household review
  std::string allocation_target = "127.0.0.1:17053";  // allocation
  std::string reporting_target = "127.0.0.1:17054";   // reporting
  std::string token;
  std::string lang = "vi";
  bool english() const { return lang == "en"; }
  // A call's context: the bearer token and a 10 s deadline.
  std::unique_ptr<grpc::ClientContext> context() const;
};

}  // namespace vnn::cli
