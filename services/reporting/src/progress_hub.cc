#include "progress_hub.h"

namespace vnn::reporting {

void ProgressHub::changed(const std::string& campaign_id) {
  {
    std::lock_guard lock(mutex_);
    ++generations_[campaign_id];
    pending_.insert(campaign_id);
  }
  changed_.notify_all();
}

std::uint64_t ProgressHub::generation(const std::string& campaign_id) const {
  std::lock_guard lock(mutex_);
  const auto it = generations_.find(campaign_id);
  return it == generations_.end() ? 0 : it->second;
}

std::uint64_t ProgressHub::wait(const std::string& campaign_id, std::uint64_t seen,
                                std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mutex_);
  const auto current = [&] {
    const auto it = generations_.find(campaign_id);
    return it == generations_.end() ? std::uint64_t{0} : it->second;
  };
  changed_.wait_for(lock, timeout, [&] { return stopping_ || current() > seen; });
  return current();
}

std::set<std::string> ProgressHub::take_changed() {
  std::lock_guard lock(mutex_);
  std::set<std::string> out;
  out.swap(pending_);
  return out;
}

void ProgressHub::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
}

bool ProgressHub::stopping() const {
  std::lock_guard lock(mutex_);
  return stopping_;
}

}  // namespace vnn::reporting
