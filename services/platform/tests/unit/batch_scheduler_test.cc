#include "rpc/batch_scheduler.h"

#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <vector>

namespace vnn::platform::rpc::detail {
namespace {

using Clock = std::chrono::system_clock;
using namespace std::chrono_literals;

class TestCall final : public QueuedCall {
 public:
  explicit TestCall(std::string id, std::optional<Clock::time_point> deadline = std::nullopt)
      : id_(std::move(id)), deadline_(deadline) {}
  const std::string& request_id() const override { return id_; }
  std::optional<Clock::time_point> deadline() const override { return deadline_; }

 private:
  std::string id_;
  std::optional<Clock::time_point> deadline_;
};

// Records the batches the scheduler runs and the calls it finishes. Batches whose first call has
// the id "hold" wait until release() before they return.
class Recorder {
 public:
  BatchScheduler::RunBatch run() {
    return [this](const CallBatch& batch, const std::function<void()>&) {
      std::vector<std::string> ids;
      for (const auto& call : batch) ids.push_back(call->request_id());
      std::unique_lock lock(mutex_);
      batches_.push_back(ids);
      changed_.notify_all();
      if (ids.front() == "hold") changed_.wait(lock, [&] { return released_; });
    };
  }
  BatchScheduler::Finish finish() {
    return [this](std::unique_ptr<QueuedCall> call, bool expired) {
      std::lock_guard lock(mutex_);
      (expired ? expired_ : finished_).push_back(call->request_id());
      changed_.notify_all();
    };
  }
  void release() {
    std::lock_guard lock(mutex_);
    released_ = true;
    changed_.notify_all();
  }
  // Waits (a generous while, for a busy machine) until `count` calls are answered.
  bool wait_answered(std::size_t count) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, 10s,
                             [&] { return finished_.size() + expired_.size() >= count; });
  }
  bool wait_batches(std::size_t count) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, 10s, [&] { return batches_.size() >= count; });
  }
  std::vector<std::vector<std::string>> batches() {
    std::lock_guard lock(mutex_);
    return batches_;
  }
  std::vector<std::string> expired() {
    std::lock_guard lock(mutex_);
    return expired_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<std::vector<std::string>> batches_;
  std::vector<std::string> finished_;
  std::vector<std::string> expired_;
  bool released_ = false;
};

TEST(BatchSchedulerTest, ALoneCallRunsAtOnceInABatchOfItsOwn) {
  Recorder recorder;
  BatchScheduler scheduler({}, recorder.run(), recorder.finish());
  scheduler.enqueue("fund-1", std::make_unique<TestCall>("a"));
  ASSERT_TRUE(recorder.wait_answered(1));
  EXPECT_EQ(recorder.batches(), (std::vector<std::vector<std::string>>{{"a"}}));
}

TEST(BatchSchedulerTest, CallsGatheredWhileALaneIsBusyFormTheNextBatch) {
  Recorder recorder;
  BatchScheduler scheduler({.max_batch = 64, .max_batches_writing = 1, .threads = 2},
                           recorder.run(), recorder.finish());
  scheduler.enqueue("fund-1", std::make_unique<TestCall>("hold"));
  ASSERT_TRUE(recorder.wait_batches(1));
  for (const char* id : {"b", "c", "d"}) {
    scheduler.enqueue("fund-1", std::make_unique<TestCall>(id));
  }
  recorder.release();
  ASSERT_TRUE(recorder.wait_answered(4));
  EXPECT_EQ(recorder.batches(), (std::vector<std::vector<std::string>>{{"hold"}, {"b", "c", "d"}}));
}

TEST(BatchSchedulerTest, TwoCallsWithOneRequestIdNeverShareABatch) {
  Recorder recorder;
  BatchScheduler scheduler({.max_batch = 64, .max_batches_writing = 1, .threads = 2},
                           recorder.run(), recorder.finish());
  scheduler.enqueue("fund-1", std::make_unique<TestCall>("hold"));
  ASSERT_TRUE(recorder.wait_batches(1));
  for (const char* id : {"b", "b", "d"}) {
    scheduler.enqueue("fund-1", std::make_unique<TestCall>(id));
  }
  recorder.release();
  ASSERT_TRUE(recorder.wait_answered(4));
  // The second "b" waits for the next batch, where it finds the first's stored response.
  EXPECT_EQ(recorder.batches(),
            (std::vector<std::vector<std::string>>{{"hold"}, {"b", "d"}, {"b"}}));
}

TEST(BatchSchedulerTest, ABatchTakesAtMostMaxBatchCalls) {
  Recorder recorder;
  BatchScheduler scheduler({.max_batch = 2, .max_batches_writing = 1, .threads = 2}, recorder.run(),
                           recorder.finish());
  scheduler.enqueue("fund-1", std::make_unique<TestCall>("hold"));
  ASSERT_TRUE(recorder.wait_batches(1));
  for (const char* id : {"b", "c", "d", "e", "f"}) {
    scheduler.enqueue("fund-1", std::make_unique<TestCall>(id));
  }
  recorder.release();
  ASSERT_TRUE(recorder.wait_answered(6));
  EXPECT_EQ(recorder.batches(),
            (std::vector<std::vector<std::string>>{{"hold"}, {"b", "c"}, {"d", "e"}, {"f"}}));
}

TEST(BatchSchedulerTest, ABusyLaneDoesNotHoldUpAnother) {
  Recorder recorder;
  BatchScheduler scheduler({.max_batch = 64, .max_batches_writing = 1, .threads = 2},
                           recorder.run(), recorder.finish());
  scheduler.enqueue("fund-1", std::make_unique<TestCall>("hold"));
  ASSERT_TRUE(recorder.wait_batches(1));
  scheduler.enqueue("fund-2", std::make_unique<TestCall>("other"));
  ASSERT_TRUE(recorder.wait_answered(1));  // while fund-1's batch still holds
  EXPECT_EQ(recorder.batches().back(), std::vector<std::string>{"other"});
  recorder.release();
  ASSERT_TRUE(recorder.wait_answered(2));
}

TEST(BatchSchedulerTest, ACallPastItsDeadlineIsAnsweredWithoutRunning) {
  Recorder recorder;
  BatchScheduler scheduler({.max_batch = 64, .max_batches_writing = 1, .threads = 2},
                           recorder.run(), recorder.finish());
  scheduler.enqueue("fund-1", std::make_unique<TestCall>("hold"));
  ASSERT_TRUE(recorder.wait_batches(1));
  scheduler.enqueue("fund-1", std::make_unique<TestCall>("late", Clock::now() - 1s));
  scheduler.enqueue("fund-1", std::make_unique<TestCall>("b", Clock::now() + 1h));
  recorder.release();
  ASSERT_TRUE(recorder.wait_answered(3));
  EXPECT_EQ(recorder.expired(), std::vector<std::string>{"late"});
  EXPECT_EQ(recorder.batches(), (std::vector<std::vector<std::string>>{{"hold"}, {"b"}}));
}

TEST(BatchSchedulerTest, StoppingAnswersEveryQueuedCallAndRunsSubmittedJobs) {
  Recorder recorder;
  bool job_ran = false;
  {
    BatchScheduler scheduler({.max_batch = 2, .max_batches_writing = 1, .threads = 1},
                             recorder.run(), recorder.finish());
    for (const char* id : {"a", "b", "c", "d", "e"}) {
      scheduler.enqueue("fund-1", std::make_unique<TestCall>(id));
    }
    scheduler.submit([&] { job_ran = true; });
  }
  EXPECT_TRUE(recorder.wait_answered(5));
  EXPECT_TRUE(job_ran);
}

}  // namespace
}  // namespace vnn::platform::rpc::detail

namespace vnn::platform::rpc::detail {
namespace {

TEST(BatchSchedulerTest, AFullQueueGivesTheCallBackAndTakesOneAgainOnceItDrains) {
  Recorder recorder;
  BatchScheduler scheduler(
      {.max_batch = 64, .max_batches_writing = 1, .threads = 2, .max_queued = 3}, recorder.run(),
      recorder.finish());
  scheduler.enqueue("fund-1", std::make_unique<TestCall>("hold"));
  ASSERT_TRUE(recorder.wait_batches(1));  // taken: no longer queued
  for (const char* id : {"b", "c", "d"}) {
    EXPECT_EQ(scheduler.enqueue("fund-1", std::make_unique<TestCall>(id)), nullptr) << id;
  }
  EXPECT_EQ(scheduler.queued(), 3u);
  // Full, on any lane, and for offloaded jobs too.
  auto refused = scheduler.enqueue("fund-2", std::make_unique<TestCall>("e"));
  ASSERT_NE(refused, nullptr);
  EXPECT_EQ(refused->request_id(), "e");
  EXPECT_FALSE(scheduler.submit([] {}));
  recorder.release();
  ASSERT_TRUE(recorder.wait_answered(4));
  EXPECT_EQ(scheduler.queued(), 0u);
  EXPECT_EQ(scheduler.enqueue("fund-2", std::make_unique<TestCall>("f")), nullptr);
  ASSERT_TRUE(recorder.wait_answered(5));
}

}  // namespace
}  // namespace vnn::platform::rpc::detail
