#pragma once
// A stand-in gRPC service for vnnctl's output tests: `Service` (the test's own implementation,
// answering with fixed figures) on a free local port, and vnnctl run against it. The fixture
// the donation, household, allocation and reporting output tests share.

#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>

#include "command_run.h"

namespace vnn::cli {

template <class Service>
class StandInServerTest : public ::testing::Test {
 protected:
  // `target_option`: the vnnctl option naming the service's address, e.g. "--reporting-target".
  explicit StandInServerTest(std::string target_option)
      : target_option_(std::move(target_option)) {}

  void SetUp() override {
    grpc::ServerBuilder builder;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port_);
    builder.RegisterService(&service_);
    server_ = builder.BuildAndStart();
    ASSERT_NE(port_, 0);
  }
  // A deadline, so a stream the client left open (a watch) cannot hold the test.
  void TearDown() override {
    server_->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(2));
  }

  std::string target() const { return "127.0.0.1:" + std::to_string(port_); }

  // vnnctl with `arguments`, pointed at the stand-in.
  CommandRun run(const std::string& arguments) {
    return run_shell(std::string(VNN_VNNCTL_BINARY) + " " + target_option_ + " " + target() + " " +
                     arguments);
  }

  Service service_;
  int port_ = 0;
  std::unique_ptr<grpc::Server> server_;

 private:
  std::string target_option_;
};

}  // namespace vnn::cli
