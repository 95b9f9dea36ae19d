#include "verified_token_cache.h"

namespace vnn::platform::auth {

std::optional<Principal> VerifiedTokenCache::find(const std::string& token, Clock::time_point now) {
  if (max_entries_ == 0) return std::nullopt;
  std::lock_guard lock(mutex_);
  const auto it = entries_.find(token);
  if (it == entries_.end()) return std::nullopt;
  if (now - it->second.verified_at >= keep_for_ || now < it->second.verified_at) {
    entries_.erase(it);
    return std::nullopt;
  }
  return it->second.principal;
}

void VerifiedTokenCache::add(const std::string& token, const Principal& principal,
                             Clock::time_point now) {
  if (max_entries_ == 0) return;
  std::lock_guard lock(mutex_);
  // Full: start again rather than track ages. A service sees few distinct tokens (officers,
  // systems); a flood of new valid ones only costs the verification they would cost anyway.
  if (entries_.size() >= max_entries_) entries_.clear();
  entries_.insert_or_assign(token, Entry{principal, now});
}

std::size_t VerifiedTokenCache::size() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

}  // namespace vnn::platform::auth
