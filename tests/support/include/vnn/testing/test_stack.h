#pragma once
// The real PostgreSQL and nats-server that tests/run.sh starts (deploy/local/stack.sh), as the
// tests see them: connection strings, fresh names, and the stack's own stop/start commands for
// fault tests.

#include <string>

namespace vnn::testing {

struct TestStack {
  std::string admin_dsn;  // superuser, database vnn
  std::string host;
  std::string port;
  std::string database;
  std::string nats_url;
  std::string script;  // deploy/local/stack.sh

  // Fails the test run (with a hint to use tests/run.sh) when the stack's variables are absent.
  static const TestStack& get();

  // DSN for a login role without password (the test cluster trusts loopback).
  std::string dsn_for(const std::string& role) const;
  // Runs "stack.sh <command>" (pg-stop, pg-start, nats-stop, nats-start); throws on failure.
  void run(const std::string& command) const;
};

// A name unique to this test process and call: "<prefix>_<pid>_<n>" (lower case, SQL-safe).
std::string unique_name(const std::string& prefix);

// The vnn-probe test service binary.
std::string probe_binary();

}  // namespace vnn::testing
