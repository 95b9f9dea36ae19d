#pragma once
// One run of a scenario against the services: what the steps share — the scenario, the
// services, the officers, the retry statistics — and the ids the services gave to what the
// scenario names by key (households, donations, pledges, supports, submissions).

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

#include "runner/calls.h"
#include "runner/officers.h"
#include "runner/services.h"
#include "scenario/scenario.h"

namespace vnn::campaign {

struct PlayOptions {
  int threads = 8;  // calls in flight at once
  // How long to wait for a service to learn from another's events (campaign, balances, final
  // figures) before giving up.
  std::chrono::seconds propagation_timeout{120};
};

class Play {
 public:
  Play(const Scenario& played, Services& called, Officers& acting, PlayOptions chosen)
      : scenario(played), services(called), officers(acting), options(chosen) {}

  const Scenario& scenario;
  Services& services;
  Officers& officers;
  const PlayOptions options;
  CallStats stats;

  // "<campaign>/<what>/<key>": the same for the same act in every run of the same scenario, so
  // a call sent again (a retry, a second run on the same data) is replayed, not done twice.
  std::string request_id(std::string_view what, std::string_view key) const;

  // Ids by scenario key. set_* may be called from many threads.
  void set_id(std::string_view book, const std::string& key, std::int64_t id);
  // Throws std::out_of_range naming the key when the service has given none.
  std::int64_t id(std::string_view book, const std::string& key) const;
  bool has_id(std::string_view book, const std::string& key) const;

 private:
  mutable std::mutex mutex_;
  std::map<std::string, std::map<std::string, std::int64_t>, std::less<>> ids_;
};

// The books of ids.
inline constexpr std::string_view kHouseholds = "household";
inline constexpr std::string_view kDonations = "donation";
inline constexpr std::string_view kPledges = "pledge";
inline constexpr std::string_view kSupports = "support";
inline constexpr std::string_view kSubmissions = "submission";  // by unit code

}  // namespace vnn::campaign
