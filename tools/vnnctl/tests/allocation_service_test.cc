// vnnctl against a real vnn-allocation on the test stack: a support or a fund that does not exist
// is one clean refusal, in Vietnamese, and the exit code for "not found" (3).

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include "call_errors.h"
#include "command_run.h"
#include "vnn/testing/service_process.h"
#include "vnn/testing/test_stack.h"
#include "vnn/testing/test_tokens.h"

namespace vnn::testing {
namespace {

using cli::CommandRun;

CommandRun run(const std::string& command) { return cli::run_shell(command); }

TEST(VnnctlAllocationService, RefusalsOfTheRealServiceAreClean) {
  const auto& stack = TestStack::get();
  if (!stack.nats_users_dir.empty() &&
      !std::filesystem::exists(stack.nats_password_file("vnn_allocation"))) {
    GTEST_SKIP() << "the test stack has no NATS user vnn_allocation";
  }
  auto env = stack.service_env("vnn_allocation");
  env["VNN_JWT_KEYS"] = test_tokens().key_spec();
  ServiceProcess service(VNN_ALLOCATION_BINARY, {}, env);
  const int port = service.wait_for_port();
  const std::string token =
      test_tokens().bearer(platform::auth::Role::kDistrictOffice, {"736"}).substr(7);
  const std::string vnnctl = "VNN_TOKEN=" + token + " " + VNN_VNNCTL_BINARY +
                             " --allocation-target 127.0.0.1:" + std::to_string(port) + " ";
  for (const char* command :
       {"support show 999999999", "fund verify no-such-fund", "--lang en support show 999999999"}) {
    const CommandRun r = run(vnnctl + command);
    EXPECT_EQ(r.exit_code, cli::kExitNotFound) << command << "\n" << r.output << service.log();
    EXPECT_EQ(r.output.rfind("vnnctl: ", 0), 0u) << command << "\n" << r.output;
    EXPECT_EQ(r.output.find("terminate"), std::string::npos) << command << "\n" << r.output;
  }
}

}  // namespace
}  // namespace vnn::testing
