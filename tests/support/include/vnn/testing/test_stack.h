#pragma once
// The real PostgreSQL and nats-server that tests/run.sh starts (deploy/local/stack.sh), as the
// tests see them: connection strings, fresh names, and the stack's own stop/start commands for
// fault tests.

#include <map>
#include <string>

#include "vnn/platform/config.h"

namespace vnn::testing {

struct TestStack {
  std::string admin_dsn;  // superuser, database vnn
  std::string host;
  std::string port;
  std::string database;
  std::string nats_url;
  // VNN_NATS_USERS_DIR: <user>.password for each NATS user of the stack; empty: no users.
  std::string nats_users_dir;
  std::string script;  // deploy/local/stack.sh

  // Fails the test run (with a hint to use tests/run.sh) when the stack's variables are absent.
  static const TestStack& get();

  // DSN for a login role without password (the test cluster trusts loopback).
  std::string dsn_for(const std::string& role) const;
  // A NATS user of the stack ("vnn_donation", "vnn_household_review", "vnn_allocation",
  // "vnn_tools" for the tests' own connections) and its password file; both empty when the stack
  // has no users.
  std::string nats_user(const std::string& user) const;
  std::string nats_password_file(const std::string& user) const;
  // The settings every VNN service process of a test needs to reach the stack: migrations as the
  // superuser, its runtime role `user` (also its NATS user), and a free gRPC port. Tests add the
  // service's keys and their own settings.
  std::map<std::string, std::string> service_env(const std::string& user) const;
  // Settings for a test's own connection, as vnn_tools.
  platform::NatsSettings nats_settings(const std::string& user = "vnn_tools") const;
  // Runs "stack.sh <command>" (pg-stop, pg-start, nats-stop, nats-start); throws on failure.
  void run(const std::string& command) const;
};

// A name unique to this test process and call: "<prefix>_<pid>_<n>" (lower case, SQL-safe).
std::string unique_name(const std::string& prefix);

// The vnn-probe test service binary.
std::string probe_binary();

}  // namespace vnn::testing
