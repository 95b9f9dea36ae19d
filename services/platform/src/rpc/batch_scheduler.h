#pragma once
// Who runs which batch when, for rpc::GroupCommit: calls queue on a lane per batch key, and a
// fixed set of threads takes each lane's queue as a batch whenever the lane has room for another
// one. No timer: a lone call is taken at once; calls arriving while a batch runs gather for the
// next. Knows nothing of databases or gRPC, so its lane logic is tested on its own.

#include <absl/base/thread_annotations.h>

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

namespace vnn::platform::rpc::detail {

// A call waiting for its batch.
class QueuedCall {
 public:
  virtual ~QueuedCall() = default;
  // Two calls with one request id never share a batch: the second waits for the next one.
  virtual const std::string& request_id() const = 0;
  // A call whose deadline has passed when its batch is taken is not carried.
  virtual std::optional<std::chrono::system_clock::time_point> deadline() const = 0;
};

using CallBatch = std::vector<std::unique_ptr<QueuedCall>>;

struct SchedulerOptions {
  std::size_t max_batch = 64;   // calls per batch
  int max_batches_writing = 2;  // batches of one lane writing at once
  int threads = 6;
  std::size_t max_queued = 10000;  // calls and jobs waiting, over all lanes
};

class BatchScheduler {
 public:
  // Runs one batch on a scheduler thread. It calls `written` once the batch has written all but
  // its last statement, so that the lane's next batch may start writing; the scheduler calls it
  // after `run` returns if `run` did not.
  using RunBatch =
      std::function<void(const CallBatch& batch, const std::function<void()>& written)>;
  // Answers a call: after its batch ran, or `expired` when its deadline passed while it waited.
  using Finish = std::function<void(std::unique_ptr<QueuedCall> call, bool expired)>;

  BatchScheduler(SchedulerOptions options, RunBatch run, Finish finish);
  BatchScheduler(const BatchScheduler&) = delete;
  BatchScheduler& operator=(const BatchScheduler&) = delete;
  // Runs what is queued, then stops the threads.
  ~BatchScheduler();

  // Queues the call; when max_queued calls and jobs wait already, gives it back (not queued).
  std::unique_ptr<QueuedCall> enqueue(const std::string& lane_key,
                                      std::unique_ptr<QueuedCall> call);
  // Runs `job` on a scheduler thread, before any waiting batch; false (not queued) when
  // max_queued calls and jobs wait already.
  bool submit(std::function<void()> job);
  std::size_t queued() const;

 private:
  struct Lane {
    std::string key;
    std::deque<std::unique_ptr<QueuedCall>> queue;
    int writing = 0;        // batches taken and not yet done writing
    int active = 0;         // batches taken and not yet finished
    bool in_ready = false;  // on ready_, waiting for a thread
  };

  void schedule(Lane& lane) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_);
  CallBatch take_batch(Lane& lane, CallBatch& expired) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_);
  void work();  // a scheduler thread

  SchedulerOptions options_;
  RunBatch run_;
  Finish finish_;
  mutable std::mutex mutex_;
  std::condition_variable work_ready_;
  std::unordered_map<std::string, std::unique_ptr<Lane>> lanes_ ABSL_GUARDED_BY(mutex_);
  // Lanes with calls queued and room for another batch.
  std::deque<Lane*> ready_ ABSL_GUARDED_BY(mutex_);
  std::deque<std::function<void()>> jobs_ ABSL_GUARDED_BY(mutex_);
  bool stopping_ ABSL_GUARDED_BY(mutex_) = false;
  std::size_t queued_calls_ ABSL_GUARDED_BY(mutex_) = 0;  // over all lanes
  std::vector<std::thread> threads_;
};

}  // namespace vnn::platform::rpc::detail
