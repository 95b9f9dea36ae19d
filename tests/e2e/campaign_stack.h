#pragma once
// The four services as real processes on the test stack's PostgreSQL and nats-server, wired as
// deploy/local/up.sh wires them, on a database of their own (so a campaign played here meets
// no other test's funds, households or request ids). For the acceptance tests: they play the
// seed's campaign against it, and the fault test kills and restarts its services.

#include <map>
#include <memory>
#include <string>

#include "runner/services.h"
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
  static const char* name(Service service);

 private:
  void start(Service service);

  std::string database_;
  std::map<Service, std::map<std::string, std::string>> env_;
  std::map<Service, int> ports_;
  std::map<Service, std::unique_ptr<ServiceProcess>> processes_;
};

}  // namespace vnn::testing
