#include "rpc/audit_writer.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace vnn::platform::rpc::detail {
namespace {

using namespace std::chrono_literals;

OwnedAudit refusal(std::string request_id) {
  OwnedAudit audit;
  audit.who = auth::Principal{.subject = "tester", .role = auth::Role::kAuditor};
  audit.entry.method = "vnn.testing.v1.ProbeService/RecordEntry";
  audit.entry.request_id = std::move(request_id);
  audit.entry.outcome = "refused";
  audit.entry.status = "PERMISSION_DENIED";
  return audit;
}

// A sink that holds every write until released, as a slow database would.
class Sink {
 public:
  AuditWriter::Write write() {
    return [this](std::vector<OwnedAudit>& batch) {
      std::unique_lock lock(mutex_);
      for (auto& audit : batch) written_.push_back(audit.entry.request_id);
      ++batches_;
      changed_.notify_all();
      changed_.wait(lock, [&] { return released_; });
    };
  }
  void release() {
    std::lock_guard lock(mutex_);
    released_ = true;
    changed_.notify_all();
  }
  bool wait_batches(int count) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, 10s, [&] { return batches_ >= count; });
  }
  std::vector<std::string> written() {
    std::lock_guard lock(mutex_);
    return written_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<std::string> written_;
  int batches_ = 0;
  bool released_ = false;
};

TEST(AuditWriterTest, WritesInTheBackgroundAndDropsWhatFindsTheQueueFull) {
  Sink sink;
  std::atomic<int> dropped{0};
  {
    AuditWriter writer(2, 10, sink.write(), [&] { ++dropped; });
    ASSERT_TRUE(writer.submit(refusal("a")));
    ASSERT_TRUE(sink.wait_batches(1));  // "a" is being written, and the write hangs
    EXPECT_TRUE(writer.submit(refusal("b")));
    EXPECT_TRUE(writer.submit(refusal("c")));
    // The queue holds two: the callers are not kept waiting, the entry is dropped and counted.
    EXPECT_FALSE(writer.submit(refusal("d")));
    EXPECT_FALSE(writer.submit(refusal("e")));
    EXPECT_EQ(writer.dropped(), 2u);
    EXPECT_EQ(dropped.load(), 2);
    sink.release();
  }  // the destructor writes what was queued
  EXPECT_EQ(sink.written(), (std::vector<std::string>{"a", "b", "c"}));
}

TEST(AuditWriterTest, AFailedWriteIsLoggedAndTheWriterGoesOn) {
  std::mutex mutex;
  std::vector<std::string> written;
  {
    AuditWriter writer(
        100, 1,
        [&](std::vector<OwnedAudit>& batch) {
          if (batch.front().entry.request_id == "bad") throw std::runtime_error("database away");
          std::lock_guard lock(mutex);
          written.push_back(batch.front().entry.request_id);
        },
        nullptr);
    writer.submit(refusal("bad"));
    writer.submit(refusal("good"));
  }
  EXPECT_EQ(written, (std::vector<std::string>{"good"}));
}

}  // namespace
}  // namespace vnn::platform::rpc::detail
