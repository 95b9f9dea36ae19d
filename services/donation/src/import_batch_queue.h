#pragma once
// Batches on their way from the thread reading an import to the thread writing it. At most
// `max_queued` wait: reading runs that far ahead of writing and no further.

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <vector>

namespace vnn::donation {

template <class Row>
class ImportBatchQueue {
 public:
  explicit ImportBatchQueue(std::size_t max_queued) : max_queued_(max_queued) {}

  // False when the writer has stopped early (it failed): the import's outcome is its error.
  bool push(std::vector<Row> rows) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return stopped_ || queue_.size() < max_queued_; });
    if (stopped_) return false;
    queue_.push_back(std::move(rows));
    changed_.notify_all();
    return true;
  }

  // No more batches. `complete`: the import was read to its end; otherwise the writer's next
  // pop() throws, and its transaction is rolled back.
  void close(bool complete) {
    std::lock_guard lock(mutex_);
    closed_ = true;
    complete_ = complete;
    changed_.notify_all();
  }

  // The next batch; nothing once the import is complete and every batch taken.
  std::optional<std::vector<Row>> pop() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return closed_ || !queue_.empty(); });
    if (closed_ && !complete_) throw std::runtime_error("import abandoned");
    if (queue_.empty()) return std::nullopt;
    auto rows = std::move(queue_.front());
    queue_.pop_front();
    changed_.notify_all();
    return rows;
  }

  // The writer is done, whether it finished or failed.
  void stop() {
    std::lock_guard lock(mutex_);
    stopped_ = true;
    changed_.notify_all();
  }

 private:
  const std::size_t max_queued_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::vector<Row>> queue_;
  bool closed_ = false, complete_ = false, stopped_ = false;
};

}  // namespace vnn::donation
