#pragma once
// The four services as real processes, wired as deploy/local/up.sh wires them, on the test
// stack's PostgreSQL but a database of their own, and on a nats-server of their own (so a
// campaign played here meets no other test's funds, households, request ids or events: other
// tests' events in the shared stream would reach these services' consumers, and their
// numbered aggregates would look like this campaign's). For the acceptance tests: they play the
// seed's campaign against it, and the fault test kills and restarts its services and servers.

#include <map>
#include <memory>
#include <string>

#include "runner/services.h"
#include "vnn/platform/config.h"
#include "vnn/testing/service_process.h"

namespace vnn::testing {

class CampaignStack {
 public:
  enum class Service { kDonation, kHouseholdReview, kAllocation, kReporting };
  static constexpr Service kAll[] = {Service::kDonation, Service::kHouseholdReview,
                                     Service::kAllocation, Service::kReporting};

  CampaignStack();  // creates the database and starts the services; throws on failure
  ~CampaignStack();

  campaign::Targets targets() const;
  // The officers' signing key, for campaign::Officers (issuer "vnn-local").
  std::string officers_signing_key() const;
  const std::string& database() const { return database_; }
  // A DSN as the superuser on the stack's own database.
  std::string admin_dsn() const;

  ServiceProcess& process(Service service) { return *processes_.at(service); }
  // SIGKILL, then start it again on the same port with the same settings; returns how long it
  // took until the new process listened.
  std::chrono::milliseconds kill_and_restart(Service service);
  // Stops the stack's nats-server (SIGTERM), waits `down`, starts it again on the same port and
  // store.
  void restart_nats(std::chrono::milliseconds down);
  // For a dashboard's own connection.
  platform::NatsSettings nats_settings() const;
  static const char* name(Service service);

 private:
  void start(Service service);
  void start_nats();
  void stop_nats();

  std::string database_;
  int nats_port_ = 0;
  std::string nats_store_;
  pid_t nats_pid_ = -1;
  std::map<Service, std::map<std::string, std::string>> env_;
  std::map<Service, int> ports_;
  std::map<Service, std::unique_ptr<ServiceProcess>> processes_;
};

}  // namespace vnn::testing
