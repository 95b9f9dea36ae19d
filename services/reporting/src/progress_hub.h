#pragma once
// Tells whoever follows a campaign that its figures changed: the WatchCampaignProgress streams
// and the snapshot publisher wait here. The consumers call changed() once their transaction
// has committed, so a watcher never reads figures older than the change it was told of.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <set>
#include <string>

namespace vnn::reporting {

class ProgressHub {
 public:
  void changed(const std::string& campaign_id);
  // The campaign's generation: it grows with every change.
  std::uint64_t generation(const std::string& campaign_id) const;
  // Waits until the campaign's generation passes `seen`, `timeout` passes or stop() is called;
  // returns the generation then.
  std::uint64_t wait(const std::string& campaign_id, std::uint64_t seen,
                     std::chrono::milliseconds timeout) const;
  // Campaigns changed since the last call (for the snapshot publisher), cleared.
  std::set<std::string> take_changed();
  void stop();
  bool stopping() const;

 private:
  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  std::map<std::string, std::uint64_t> generations_;
  std::set<std::string> pending_;
  bool stopping_ = false;
};

}  // namespace vnn::reporting
