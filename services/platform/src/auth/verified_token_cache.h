#pragma once
// Bearer tokens already verified, with the principal each carries. Checking an HS256 or RS256
// signature and parsing the claims at every call is a large share of a busy service's CPU
// (docs/benchmarks.md), and the same officer's or system's token arrives with every call; a
// token seen again within `keep_for` is taken from here. Its expiry is checked at every use, as
// on a fresh verification, and no token is kept longer than `keep_for`. Only tokens that passed
// verification enter.

#include <chrono>
#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "vnn/platform/auth/principal.h"

namespace vnn::platform::auth {

class VerifiedTokenCache {
 public:
  using Clock = std::chrono::system_clock;

  VerifiedTokenCache(std::chrono::seconds keep_for, std::size_t max_entries)
      : keep_for_(keep_for), max_entries_(max_entries) {}

  // The principal of `token` if it was verified less than keep_for before `now`.
  std::optional<Principal> find(const std::string& token, Clock::time_point now);
  void add(const std::string& token, const Principal& principal, Clock::time_point now);
  std::size_t size() const;

 private:
  struct Entry {
    Principal principal;
    Clock::time_point verified_at;
  };

  std::chrono::seconds keep_for_;
  std::size_t max_entries_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;  // by the whole token: no collisions
};

}  // namespace vnn::platform::auth
