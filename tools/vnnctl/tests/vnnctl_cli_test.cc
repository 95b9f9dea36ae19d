// What every vnnctl command shares, without a service: the exit code of each gRPC status, usage
// errors exiting 2, an example under every command's --help, the import progress bar, and the
// development token minted as vnn-token mints it.

#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "call_errors.h"
#include "command_run.h"
#include "progress_bar.h"
#include "token_request.h"

namespace vnn::cli {
namespace {

CommandRun vnnctl(const std::string& arguments) {
  return run_shell(std::string(VNN_VNNCTL_BINARY) + " --target 127.0.0.1:1 " +
                   "--household-target 127.0.0.1:1 --allocation-target 127.0.0.1:1 " +
                   "--reporting-target 127.0.0.1:1 " + arguments);
}

TEST(VnnctlExitCodes, EachStatusHasItsDocumentedCode) {
  using grpc::StatusCode;
  EXPECT_EQ(exit_code_for(StatusCode::OK), 0);
  EXPECT_EQ(exit_code_for(StatusCode::NOT_FOUND), 3);
  EXPECT_EQ(exit_code_for(StatusCode::UNAUTHENTICATED), 4);
  EXPECT_EQ(exit_code_for(StatusCode::PERMISSION_DENIED), 4);
  EXPECT_EQ(exit_code_for(StatusCode::INVALID_ARGUMENT), 5);
  EXPECT_EQ(exit_code_for(StatusCode::OUT_OF_RANGE), 5);
  EXPECT_EQ(exit_code_for(StatusCode::FAILED_PRECONDITION), 6);
  EXPECT_EQ(exit_code_for(StatusCode::ALREADY_EXISTS), 6);
  EXPECT_EQ(exit_code_for(StatusCode::ABORTED), 6);
  EXPECT_EQ(exit_code_for(StatusCode::UNAVAILABLE), 7);
  EXPECT_EQ(exit_code_for(StatusCode::DEADLINE_EXCEEDED), 7);
  EXPECT_EQ(exit_code_for(StatusCode::RESOURCE_EXHAUSTED), 7);
  EXPECT_EQ(exit_code_for(StatusCode::UNIMPLEMENTED), 8);
  EXPECT_EQ(exit_code_for(StatusCode::INTERNAL), 1);
  EXPECT_EQ(exit_code_for(StatusCode::UNKNOWN), 1);
}

TEST(VnnctlExitCodes, MistakesOnTheCommandLineExitTwoBeforeAnyCall) {
  for (const char* command :
       {"no-such-command", "donation record --campaign c", "units list --on 03/02/2024",
        "household review --campaign c --id 1 maybe", "report final --campaign c --out x.pdf",
        "--lang fr units list", "token --subject a --role district_office"}) {
    const CommandRun r = vnnctl(command);
    EXPECT_EQ(r.exit_code, kExitUsage) << command << "\n" << r.output;
  }
  EXPECT_EQ(vnnctl("--help").exit_code, 0);
  // Nothing listens on port 1: unavailable, a code a script may retry on.
  EXPECT_EQ(vnnctl("totals --campaign c").exit_code, kExitUnavailable);
}

// The subcommands a --help lists, from its "Subcommands:" section.
std::vector<std::string> subcommands_in(const std::string& help) {
  std::vector<std::string> names;
  const auto start = help.find("Subcommands:\n");
  if (start == std::string::npos) return names;
  std::istringstream lines(help.substr(start + 13));
  std::string line;
  while (std::getline(lines, line) && !line.empty()) {
    if (line.rfind("  ", 0) != 0 || line[2] == ' ') continue;  // a wrapped description
    names.push_back(line.substr(2, line.find(' ', 2) - 2));
  }
  return names;
}

TEST(VnnctlHelp, EveryCommandHasAnExampleOfItself) {
  std::vector<std::string> pending = subcommands_in(vnnctl("--help").output);
  ASSERT_GT(pending.size(), 10u);
  std::set<std::string> leaves;
  while (!pending.empty()) {
    const std::string command = pending.back();
    pending.pop_back();
    const CommandRun help = vnnctl(command + " --help");
    EXPECT_EQ(help.exit_code, 0) << command << "\n" << help.output;
    const auto below = subcommands_in(help.output);
    for (const auto& name : below) pending.push_back(command + " " + name);
    if (!below.empty()) continue;
    leaves.insert(command);
    // "Example:" or "Examples:", then the command itself (perhaps inside `export X=$(…)`).
    const auto examples = help.output.find("Example");
    ASSERT_NE(examples, std::string::npos) << command << "\n" << help.output;
    const bool shown = help.output.find("vnnctl " + command + " ", examples) != std::string::npos ||
                       help.output.find("vnnctl " + command + "\n", examples) != std::string::npos;
    EXPECT_TRUE(shown) << command << "\n" << help.output;
  }
  // The operator tasks the command line covers, by the commands that do them.
  for (const char* task : {"units list",
                           "fund create",
                           "campaign create",
                           "campaign update",
                           "mobiliser create",
                           "donation record",
                           "donation import",
                           "donation reverse",
                           "donation decide",
                           "household import",
                           "household submit",
                           "household override",
                           "household review",
                           "household assign",
                           "household outcome",
                           "household resubmit",
                           "duplicates resolve",
                           "support propose",
                           "support approve-batch",
                           "support disburse",
                           "support complete",
                           "support cancel",
                           "report progress",
                           "report lagging",
                           "report watch",
                           "report final",
                           "report commendation",
                           "report disclosure",
                           "report reconcile",
                           "token"}) {
    EXPECT_EQ(leaves.count(task), 1u) << task;
  }
}

TEST(VnnctlHelp, EveryCommandThatPrintsDataTakesJson) {
  for (const char* command : {"units list",
                              "units get 736",
                              "fund list",
                              "fund create",
                              "campaign create",
                              "campaign update",
                              "mobiliser create",
                              "donation record",
                              "donation list",
                              "donation get 1",
                              "donation import",
                              "donation lines 1",
                              "donation reverse 1",
                              "donation decide 1 approve",
                              "totals",
                              "pledge record",
                              "pledge list",
                              "household import",
                              "household list",
                              "household get 1",
                              "household submit",
                              "household override",
                              "household review",
                              "household rank",
                              "household assign",
                              "household outcome",
                              "household resubmit",
                              "household candidacies",
                              "campaign show x",
                              "coverage",
                              "duplicates list",
                              "duplicates resolve",
                              "support list",
                              "report progress"}) {
    const CommandRun help = vnnctl(std::string(command) + " --help");
    EXPECT_TRUE(has(help, "--json")) << command << "\n" << help.output;
  }
}

TEST(VnnctlProgress, TheBarShowsTheShareSentInMegabytes) {
  EXPECT_EQ(progress_line(0, 4 * 1024 * 1024, 10), "[··········]   0% 0,0/4,0 MB");
  EXPECT_EQ(progress_line(1024 * 1024, 4 * 1024 * 1024, 10), "[##········]  25% 1,0/4,0 MB");
  EXPECT_EQ(progress_line(5, 5, 4), "[####] 100% 0,0/0,0 MB");
  EXPECT_EQ(progress_line(0, 0, 4), "[####] 100% 0,0/0,0 MB");  // an empty file is all sent
}

TEST(VnnctlProgress, DrawsInPlaceOnATerminalAndNothingElsewhere) {
  std::ostringstream terminal;
  {
    ProgressBar bar("đang nhập", 200, terminal, true);
    bar.advance(100);
    bar.advance(1);  // the same percent: not drawn again
    bar.advance(99);
    bar.sent("dịch vụ đang kiểm tra…");
  }
  const std::string drawn = terminal.str();
  EXPECT_NE(drawn.find("\r\033[Kđang nhập ["), std::string::npos) << drawn;
  EXPECT_NE(drawn.find(" 50% "), std::string::npos) << drawn;
  EXPECT_EQ(drawn.find(" 51% "), std::string::npos) << drawn;
  EXPECT_NE(drawn.find("100% 0,0/0,0 MB — dịch vụ đang kiểm tra…"), std::string::npos) << drawn;
  EXPECT_EQ(drawn.substr(drawn.size() - 4), "\r\033[K");  // the line is cleared at the end

  std::ostringstream pipe;
  {
    ProgressBar bar("đang nhập", 200, pipe, false);
    bar.advance(200);
    bar.sent("…");
  }
  EXPECT_EQ(pipe.str(), "");
}

class VnnctlToken : public ::testing::Test {
 protected:
  void SetUp() override {
    key_ = (std::filesystem::temp_directory_path() /
            ("vnnctl-token-" + std::to_string(::getpid()) + ".key"))
               .string();
    std::filesystem::remove(key_);
    ASSERT_EQ(run_shell(std::string(VNN_TOKEN_BINARY) + " --generate-hs256-key " + key_).exit_code,
              0);
  }
  void TearDown() override { std::filesystem::remove(key_); }
  std::string key_;
};

// The claims of a compact JWS, decoded from base64url.
std::string payload_of(const std::string& token) {
  const auto first = token.find('.');
  const auto second = token.find('.', first + 1);
  std::string part = token.substr(first + 1, second - first - 1);
  std::string out;
  int buffer = 0, bits = 0;
  for (char c : part) {
    int value = c >= 'A' && c <= 'Z'   ? c - 'A'
                : c >= 'a' && c <= 'z' ? c - 'a' + 26
                : c >= '0' && c <= '9' ? c - '0' + 52
                : c == '-'             ? 62
                : c == '_'             ? 63
                                       : -1;
    if (value < 0) continue;
    buffer = (buffer << 6) | value;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buffer >> bits) & 0xFF));
    }
  }
  return out;
}

TEST_F(VnnctlToken, MintsTheTokenVnnTokenMintsFromTheSameOptions) {
  const std::string claims =
      " --subject vp-mttq-dinh-quan --role district_office --unit 736 --ttl 1h";
  const CommandRun ours =
      run_shell(std::string(VNN_VNNCTL_BINARY) +
                " token --signing-key kid=local,alg=HS256,file=" + key_ + claims);
  ASSERT_EQ(ours.exit_code, 0) << ours.output;
  const CommandRun theirs = run_shell("VNN_JWT_SIGNING_KEY=kid=local,alg=HS256,file=" + key_ + " " +
                                      VNN_TOKEN_BINARY + claims);
  ASSERT_EQ(theirs.exit_code, 0) << theirs.output;
  for (const std::string& token : {ours.output, theirs.output}) {
    const std::string payload = payload_of(token);
    EXPECT_NE(payload.find("\"sub\":\"vp-mttq-dinh-quan\""), std::string::npos) << payload;
    EXPECT_NE(payload.find("district_office"), std::string::npos) << payload;
    EXPECT_NE(payload.find("736"), std::string::npos) << payload;
  }
  // The same refusals in both: an unknown role is a usage error.
  const CommandRun bad = run_shell(std::string(VNN_VNNCTL_BINARY) +
                                   " token --signing-key kid=local,alg=HS256,file=" + key_ +
                                   " --subject a --role mayor");
  EXPECT_EQ(bad.exit_code, kExitUsage) << bad.output;
  EXPECT_TRUE(has(bad, "unknown role \"mayor\"")) << bad.output;
  EXPECT_THROW(token::parse_ttl("31d"), token::UsageError);
  EXPECT_EQ(token::parse_ttl("1h30m"), std::chrono::seconds(5400));
}

}  // namespace
}  // namespace vnn::cli
