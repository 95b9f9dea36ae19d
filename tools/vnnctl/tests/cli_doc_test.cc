// docs/cli.md walks an officer through the campaign command by command: every vnnctl command
// line in its shell blocks must still parse with today's commands and options. Each is run
// against addresses where nothing listens, so a line that parses ends "unavailable" (7), or 0
// for the token; a renamed command or option ends 2.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "call_errors.h"
#include "command_run.h"

namespace vnn::cli {
namespace {

// The command lines of the ```sh blocks that run vnnctl, continuation lines joined.
std::vector<std::string> documented_command_lines(const std::string& markdown) {
  std::vector<std::string> lines;
  std::istringstream in(markdown);
  std::string line, pending;
  bool in_shell = false;
  while (std::getline(in, line)) {
    if (!in_shell) {
      in_shell = line == "```sh";
      continue;
    }
    if (line == "```") {
      in_shell = false;
      continue;
    }
    if (!line.empty() && line.back() == '\\') {
      pending += line.substr(0, line.size() - 1) + " ";
      continue;
    }
    pending += line;
    if (pending.find("vnnctl ") != std::string::npos) lines.push_back(pending);
    pending.clear();
  }
  return lines;
}

TEST(VnnctlDoc, EveryCommandLineInDocsCliStillParses) {
  std::ifstream file(VNN_CLI_DOC);
  ASSERT_TRUE(file) << VNN_CLI_DOC;
  const std::string markdown{std::istreambuf_iterator<char>(file), {}};
  const auto lines = documented_command_lines(markdown);
  ASSERT_GT(lines.size(), 50u);

  // The files the imports name, a key for the tokens, and `vnnctl` on the PATH.
  const auto dir =
      std::filesystem::temp_directory_path() / ("vnnctl-doc-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir / "bin");
  for (const char* name :
       {"luong-phong-gd.csv", "sao-ke-thang-3.csv", "ho-ngheo-phu-tuc-2024.csv"}) {
    std::ofstream(dir / name) << "";
  }
  std::filesystem::create_symlink(VNN_VNNCTL_BINARY, dir / "bin" / "vnnctl");
  ASSERT_EQ(run_shell(std::string(VNN_TOKEN_BINARY) + " --generate-hs256-key " +
                      (dir / "dev.key").string())
                .exit_code,
            0);
  const std::string prelude =
      "set -o pipefail; cd " + dir.string() + " && export PATH=" + (dir / "bin").string() +
      ":$PATH VNN_TARGET=127.0.0.1:1 VNN_HOUSEHOLD_TARGET=127.0.0.1:1 "
      "VNN_ALLOCATION_TARGET=127.0.0.1:1 VNN_REPORTING_TARGET=127.0.0.1:1 PT_TOKEN=t "
      "REVIEWER_TOKEN=t CCCD=075062001234 VNN_JWT_SIGNING_KEY=kid=local,alg=HS256,file=" +
      (dir / "dev.key").string() + "; ";
  // Nothing answers, so a list fed into another command is empty: give it two ids instead.
  const std::regex id_list(R"(\$\(vnnctl [^)]*--ids \| cut -f1\))");
  for (std::string line : lines) {
    line = std::regex_replace(line, id_list, "41 42");
    if (line.find("export VNN_JWT_SIGNING_KEY=") == 0) continue;  // the test's own key instead
    // Waiting for a service that is not there only slows the test down.
    line = std::regex_replace(line, std::regex("--wait 15"), "--wait 0");
    const CommandRun r =
        run_shell("bash -c '" + std::regex_replace(prelude + line, std::regex("'"), "'\\''") + "'");
    EXPECT_NE(r.exit_code, kExitUsage) << line << "\n" << r.output;
    EXPECT_EQ(r.output.find("is required"), std::string::npos) << line << "\n" << r.output;
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace vnn::cli
