#include "batch_scheduler.h"

#include <set>
#include <utility>

namespace vnn::platform::rpc::detail {

BatchScheduler::BatchScheduler(SchedulerOptions options, RunBatch run, Finish finish)
    : options_(options), run_(std::move(run)), finish_(std::move(finish)) {
  if (options_.max_batch == 0) options_.max_batch = 1;
  if (options_.max_batches_writing < 1) options_.max_batches_writing = 1;
  if (options_.threads < 1) options_.threads = 1;
  if (options_.max_queued == 0) options_.max_queued = 1;
  for (int i = 0; i < options_.threads; ++i) threads_.emplace_back([this] { work(); });
}

BatchScheduler::~BatchScheduler() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  work_ready_.notify_all();
  for (auto& thread : threads_) thread.join();
}

std::unique_ptr<QueuedCall> BatchScheduler::enqueue(const std::string& lane_key,
                                                    std::unique_ptr<QueuedCall> call) {
  std::lock_guard lock(mutex_);
  if (queued_calls_ + jobs_.size() >= options_.max_queued) return call;
  auto& slot = lanes_[lane_key];
  if (slot == nullptr) slot = std::make_unique<Lane>(Lane{.key = lane_key});
  slot->queue.push_back(std::move(call));
  ++queued_calls_;
  schedule(*slot);
  return nullptr;
}

bool BatchScheduler::submit(std::function<void()> job) {
  {
    std::lock_guard lock(mutex_);
    if (queued_calls_ + jobs_.size() >= options_.max_queued) return false;
    jobs_.push_back(std::move(job));
  }
  work_ready_.notify_one();
  return true;
}

std::size_t BatchScheduler::queued() const {
  std::lock_guard lock(mutex_);
  return queued_calls_ + jobs_.size();
}

void BatchScheduler::schedule(Lane& lane) {
  if (lane.in_ready || lane.queue.empty() || lane.writing >= options_.max_batches_writing) {
    return;
  }
  lane.in_ready = true;
  ready_.push_back(&lane);
  work_ready_.notify_one();
}

// A second call with a request id already in the batch stays queued: in the next batch it finds
// the first's stored response and replays it.
CallBatch BatchScheduler::take_batch(Lane& lane, CallBatch& expired) {
  CallBatch batch;
  std::set<std::string> ids;
  const auto now = std::chrono::system_clock::now();
  for (auto it = lane.queue.begin(); it != lane.queue.end() && batch.size() < options_.max_batch;) {
    const auto deadline = (*it)->deadline();
    if (deadline && *deadline <= now) {
      expired.push_back(std::move(*it));
      it = lane.queue.erase(it);
      continue;
    }
    if (!ids.insert((*it)->request_id()).second) {
      ++it;
      continue;
    }
    batch.push_back(std::move(*it));
    it = lane.queue.erase(it);
  }
  return batch;
}

void BatchScheduler::work() {
  std::unique_lock lock(mutex_);
  for (;;) {
    work_ready_.wait(lock, [&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) {
      return stopping_ || !ready_.empty() || !jobs_.empty();
    });
    if (!jobs_.empty()) {
      auto job = std::move(jobs_.front());
      jobs_.pop_front();
      lock.unlock();
      job();
      lock.lock();
      continue;
    }
    if (ready_.empty()) {
      if (stopping_) return;  // nothing queued, nothing ready: done
      continue;
    }
    Lane& lane = *ready_.front();
    ready_.pop_front();
    lane.in_ready = false;
    CallBatch expired;
    CallBatch batch = take_batch(lane, expired);
    queued_calls_ -= batch.size() + expired.size();
    ++lane.writing;
    ++lane.active;
    lock.unlock();
    // Once this batch has written everything and only its last statement and COMMIT remain,
    // the next batch may start writing: it gets as far as the batch key's lock (the receipt
    // counter, say) while this one commits, and has gathered the calls of a whole writing phase.
    bool released = false;
    auto written = [&] {
      std::lock_guard released_lock(mutex_);
      if (released) return;
      released = true;
      --lane.writing;
      schedule(lane);
    };
    for (auto& call : expired) finish_(std::move(call), true);
    if (!batch.empty()) run_(batch, written);
    written();
    for (auto& call : batch) finish_(std::move(call), false);
    lock.lock();
    --lane.active;
    if (lane.queue.empty() && lane.active == 0 && !lane.in_ready) {
      // Whoever queues later makes the lane again.
      lanes_.erase(lanes_.find(lane.key));
    }
  }
}

}  // namespace vnn::platform::rpc::detail
