#include "vnn/testing/test_stack.h"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <random>
#include <stdexcept>

namespace vnn::testing {
namespace {

std::string required_env(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0') {
    throw std::runtime_error(std::string(name) +
                             " is not set: run the tests with `bash tests/run.sh`, which starts "
                             "the real PostgreSQL and nats-server they need");
  }
  return value;
}

}  // namespace

const TestStack& TestStack::get() {
  static const TestStack stack = [] {
    TestStack s;
    s.admin_dsn = required_env("VNN_DB_ADMIN_DSN");
    s.host = required_env("VNN_DB_HOST");
    s.port = required_env("VNN_DB_PORT");
    s.database = required_env("VNN_DB_NAME");
    s.nats_url = required_env("VNN_NATS_URL");
    if (const char* users = std::getenv("VNN_NATS_USERS_DIR")) s.nats_users_dir = users;
    s.script = required_env("VNN_STACK_SCRIPT");
    return s;
  }();
  return stack;
}

std::string TestStack::nats_user(const std::string& user) const {
  return nats_users_dir.empty() ? std::string() : user;
}

std::string TestStack::nats_password_file(const std::string& user) const {
  return nats_users_dir.empty() ? std::string() : nats_users_dir + "/" + user + ".password";
}

std::map<std::string, std::string> TestStack::service_env(const std::string& user) const {
  return {{"VNN_DB_MIGRATION_DSN", admin_dsn},
          {"VNN_DB_DSN", dsn_for(user)},
          {"VNN_NATS_URL", nats_url},
          {"VNN_NATS_USER", nats_user(user)},
          {"VNN_NATS_PASSWORD_FILE", nats_password_file(user)},
          {"VNN_GRPC_LISTEN", "127.0.0.1:0"}};
}

platform::NatsSettings TestStack::nats_settings(const std::string& user) const {
  platform::NatsSettings settings;
  settings.url = nats_url;
  settings.user = nats_user(user);
  settings.password_file = nats_password_file(user);
  return settings;
}

std::string TestStack::dsn_for(const std::string& role) const {
  return "postgresql://" + role + "@" + host + ":" + port + "/" + database;
}

void TestStack::run(const std::string& command) const {
  const std::string line = "bash '" + script + "' " + command + " >/dev/null 2>&1";
  if (std::system(line.c_str()) != 0) throw std::runtime_error("stack.sh " + command + " failed");
}

std::string unique_name(const std::string& prefix) {
  // The pid alone repeats across runs on a kept stack (and request ids derived from a name
  // would then collide with an earlier run's); a random part per process keeps names apart.
  static const std::string process = [] {
    std::random_device random;
    return std::to_string(getpid()) + "_" + std::to_string(random() % 1000000);
  }();
  static std::atomic<int> counter{0};
  return prefix + "_" + process + "_" + std::to_string(++counter);
}

std::string probe_binary() { return VNN_PROBE_BINARY; }

}  // namespace vnn::testing
