#pragma once
// Runs a service binary as a real process for end-to-end tests: waits until it has bound its
// port, sends it signals, collects its exit code and its log.

#include <grpcpp/grpcpp.h>
#include <sys/types.h>

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace vnn::testing {

class ServiceProcess {
 public:
  // Starts `binary args…` with the current environment plus `env`; stderr goes to a log file.
  ServiceProcess(std::string binary, std::vector<std::string> args,
                 std::map<std::string, std::string> env);
  ~ServiceProcess();  // SIGKILL if still running
  ServiceProcess(const ServiceProcess&) = delete;
  ServiceProcess& operator=(const ServiceProcess&) = delete;

  // Waits for the port file (--port-file); throws with the log's tail if the process exits or
  // the timeout passes first.
  int wait_for_port(std::chrono::milliseconds timeout = std::chrono::seconds(20));
  std::shared_ptr<grpc::Channel> channel() const;

  void signal(int signal_number) const;
  // Waits for exit; returns the exit code (128+signal if killed), or -1 on timeout.
  int wait(std::chrono::milliseconds timeout = std::chrono::seconds(20));
  bool running();
  std::string log() const;
  pid_t pid() const { return pid_; }

 private:
  std::string log_path_;
  std::string port_path_;
  pid_t pid_ = -1;
  int port_ = 0;
  int exit_code_ = -1;
};

}  // namespace vnn::testing
