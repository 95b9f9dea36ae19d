#include "campaign_stack.h"

#include <fcntl.h>
#include <netinet/in.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <pqxx/pqxx>
#include <stdexcept>
#include <thread>

#include "vnn/testing/test_stack.h"
#include "vnn/testing/test_tokens.h"

namespace vnn::testing {

namespace {

// A port free now; the service binds it a moment later (and keeps it across restarts).
int free_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    if (fd >= 0) ::close(fd);
    throw std::runtime_error("no free port");
  }
  ::close(fd);
  return ntohs(address.sin_port);
}

constexpr const char* kReplayToday = "2024-06-30";

bool port_open(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  bool open = ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  ::close(fd);
  return open;
}

std::string nats_binary() {
  for (const char* candidate : {"/usr/bin/nats-server", "/usr/sbin/nats-server"}) {
    if (::access(candidate, X_OK) == 0) return candidate;
  }
  throw std::runtime_error("nats-server not found (tools/install-deps.sh installs it)");
}

std::string with_database(const std::string& dsn, const std::string& database) {
  auto slash = dsn.rfind('/');
  return dsn.substr(0, slash + 1) + database;
}

}  // namespace

const char* CampaignStack::name(Service service) {
  switch (service) {
    case Service::kDonation:
      return "donation";
    case Service::kHouseholdReview:
      return "household-review";
    case Service::kAllocation:
      return "allocation";
    case Service::kReporting:
      return "reporting";
  }
  return "?";
}

CampaignStack::CampaignStack() {
  const auto& stack = TestStack::get();
  const auto& tokens = test_tokens();
  database_ = unique_name("vnn_campaign");
  {
    pqxx::connection admin(stack.admin_dsn);
    pqxx::nontransaction tx(admin);
    tx.exec0("CREATE DATABASE " + tx.quote_name(database_));
  }
  nats_port_ = free_port();
  nats_store_ = "/tmp/" + unique_name("vnn_campaign_nats");
  start_nats();
  for (Service service : kAll) ports_[service] = free_port();
  auto target = [&](Service service) { return "127.0.0.1:" + std::to_string(ports_[service]); };
  auto env_for = [&](Service service, const std::string& user) {
    auto env = stack.service_env(user);
    env["VNN_DB_MIGRATION_DSN"] = admin_dsn();
    env["VNN_DB_DSN"] = with_database(stack.dsn_for(user), database_);
    env["VNN_GRPC_LISTEN"] = target(service);
    env["VNN_PAGE_TOKEN_KEY_FILE"] = write_secret_file("vnn_page_key");
    // This stack's own nats-server, without users.
    env["VNN_NATS_URL"] = "nats://127.0.0.1:" + std::to_string(nats_port_);
    env.erase("VNN_NATS_USER");
    env.erase("VNN_NATS_PASSWORD_FILE");
    return env;
  };
  // As deploy/local/up.sh: household review trusts the officers and both services that ask it
  // about households; donation and allocation trust the officers and reporting (reconciliation).
  env_[Service::kHouseholdReview] = env_for(Service::kHouseholdReview, "vnn_household_review");
  // As up.sh: the campaign of 2024 replayed with the units of then (codes reused since).
  env_[Service::kHouseholdReview]["VNN_REPLAY_TODAY"] = kReplayToday;
  env_[Service::kHouseholdReview].insert(
      {{"VNN_JWT_KEYS", tokens.all_verification_keys()},
       {"VNN_CITIZEN_ID_HASH_KEY_FILE", write_secret_file("vnn_citizen_key")},
       {"VNN_PERSONAL_DATA_KEY_FILE", write_secret_file("vnn_personal_key")}});
  env_[Service::kDonation] = env_for(Service::kDonation, "vnn_donation");
  env_[Service::kDonation].insert(
      {{"VNN_JWT_KEYS", tokens.reporting_trust_spec()},
       {"VNN_DONOR_ID_HASH_KEY_FILE", write_secret_file("vnn_donor_key")},
       {"VNN_JWT_SIGNING_KEY", tokens.service_key_spec()},
       {"VNN_HOUSEHOLD_REVIEW_TARGET", target(Service::kHouseholdReview)}});
  env_[Service::kAllocation] = env_for(Service::kAllocation, "vnn_allocation");
  env_[Service::kAllocation]["VNN_REPLAY_TODAY"] = kReplayToday;
  env_[Service::kAllocation].insert(
      {{"VNN_JWT_KEYS", tokens.reporting_trust_spec()},
       {"VNN_JWT_SIGNING_KEY", tokens.allocation_key_spec()},
       {"VNN_HOUSEHOLD_REVIEW_TARGET", target(Service::kHouseholdReview)}});
  env_[Service::kReporting] = env_for(Service::kReporting, "vnn_reporting");
  env_[Service::kReporting].insert({{"VNN_JWT_KEYS", tokens.key_spec()},
                                    {"VNN_JWT_SIGNING_KEY", tokens.reporting_key_spec()},
                                    {"VNN_DONATION_TARGET", target(Service::kDonation)},
                                    {"VNN_ALLOCATION_TARGET", target(Service::kAllocation)},
                                    {"VNN_SNAPSHOT_INTERVAL_MS", "200"}});
  for (Service service : kAll) start(service);
}

CampaignStack::~CampaignStack() {
  for (auto& [service, process] : processes_) {
    process->signal(SIGTERM);
    process->wait(std::chrono::seconds(20));
  }
  processes_.clear();
  stop_nats();
  std::error_code ignored;
  std::filesystem::remove_all(nats_store_, ignored);
  try {
    pqxx::connection admin(TestStack::get().admin_dsn);
    pqxx::nontransaction tx(admin);
    tx.exec0("DROP DATABASE IF EXISTS " + tx.quote_name(database_) + " WITH (FORCE)");
  } catch (const std::exception&) {
    // The stack is deleted after the run anyway.
  }
}

void CampaignStack::start(Service service) {
  const char* binaries[] = {VNN_DONATION_BINARY, VNN_HOUSEHOLD_REVIEW_BINARY, VNN_ALLOCATION_BINARY,
                            VNN_REPORTING_BINARY};
  processes_[service] = std::make_unique<ServiceProcess>(binaries[static_cast<int>(service)],
                                                         std::vector<std::string>{}, env_[service]);
  processes_[service]->wait_for_port(std::chrono::seconds(60));
}

std::chrono::milliseconds CampaignStack::kill_and_restart(Service service) {
  auto& process = *processes_.at(service);
  process.signal(SIGKILL);
  process.wait(std::chrono::seconds(20));
  auto started = std::chrono::steady_clock::now();
  start(service);
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                               started);
}

void CampaignStack::start_nats() {
  const std::string binary = nats_binary();
  const std::string port = std::to_string(nats_port_);
  std::vector<std::string> args = {binary, "-a",  "127.0.0.1", "-p",
                                   port,   "-js", "-sd",       nats_store_};
  std::vector<char*> argv;
  for (auto& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  const std::string log = nats_store_ + ".log";
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log.c_str(),
                                   O_WRONLY | O_CREAT | O_APPEND, 0600);
  posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
  const int failed =
      posix_spawn(&nats_pid_, binary.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (failed != 0) throw std::runtime_error("cannot start nats-server");
  for (int i = 0; i < 200 && !port_open(nats_port_); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  if (!port_open(nats_port_)) throw std::runtime_error("nats-server did not listen on " + port);
}

void CampaignStack::stop_nats() {
  if (nats_pid_ <= 0) return;
  ::kill(nats_pid_, SIGTERM);
  int status = 0;
  ::waitpid(nats_pid_, &status, 0);
  nats_pid_ = -1;
}

void CampaignStack::restart_nats(std::chrono::milliseconds down) {
  stop_nats();
  std::this_thread::sleep_for(down);
  start_nats();
}

platform::NatsSettings CampaignStack::nats_settings() const {
  platform::NatsSettings settings;
  settings.url = "nats://127.0.0.1:" + std::to_string(nats_port_);
  return settings;
}

campaign::Targets CampaignStack::targets() const {
  auto target = [&](Service service) { return "127.0.0.1:" + std::to_string(ports_.at(service)); };
  campaign::Targets t;
  t.donation = target(Service::kDonation);
  t.household_review = target(Service::kHouseholdReview);
  t.allocation = target(Service::kAllocation);
  t.reporting = target(Service::kReporting);
  return t;
}

std::string CampaignStack::officers_signing_key() const { return test_tokens().key_spec(); }

std::string CampaignStack::admin_dsn() const {
  return with_database(TestStack::get().admin_dsn, database_);
}

}  // namespace vnn::testing
