#pragma once
// Runs a vnnctl command line in a shell for the command tests: its exit code and everything it
// printed (standard output and error), with nothing on its standard input.

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>

namespace vnn::cli {

struct CommandRun {
  int exit_code = -1;
  std::string output;  // stdout and stderr
};

inline CommandRun run_shell(const std::string& command) {
  CommandRun result;
  FILE* pipe = popen((command + " </dev/null 2>&1").c_str(), "r");
  if (pipe == nullptr) return result;
  std::array<char, 4096> buffer{};
  while (std::fgets(buffer.data(), buffer.size(), pipe) != nullptr) result.output += buffer.data();
  const int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

inline bool has(const CommandRun& run, const std::string& text) {
  return run.output.find(text) != std::string::npos;
}

}  // namespace vnn::cli
