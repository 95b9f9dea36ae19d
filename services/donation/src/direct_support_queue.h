#pragma once
// Direct support waits for household review before it is recorded. Those calls run on threads
// of their own, never on RecordDonation's group-commit threads, so a slow or unreachable
// household review delays direct support only, and every other gift is recorded meanwhile. The
// queue is bounded: beyond it a call is refused at once (UNAVAILABLE) rather than held.

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace vnn::donation {

class DirectSupportQueue {
 public:
  DirectSupportQueue(int threads, std::size_t max_waiting);
  DirectSupportQueue(const DirectSupportQueue&) = delete;
  DirectSupportQueue& operator=(const DirectSupportQueue&) = delete;
  // Runs what is queued, then stops the threads.
  ~DirectSupportQueue();

  // Queues `work`; false (and `work` not run) when `max_waiting` calls wait already.
  bool submit(std::function<void()> work);

 private:
  void run();

  const std::size_t max_waiting_;
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::function<void()>> waiting_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace vnn::donation
