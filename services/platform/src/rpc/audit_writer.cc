#include "audit_writer.h"

#include <utility>

#include "vnn/platform/log.h"
#include "vnn/platform/text/scrub.h"

namespace vnn::platform::rpc::detail {

AuditWriter::AuditWriter(std::size_t capacity, std::size_t max_batch, Write write,
                         std::function<void()> on_drop)
    : capacity_(capacity == 0 ? 1 : capacity),
      max_batch_(max_batch == 0 ? 1 : max_batch),
      write_(std::move(write)),
      on_drop_(std::move(on_drop)),
      thread_([this] { run(); }) {}

AuditWriter::~AuditWriter() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  ready_.notify_all();
  thread_.join();
}

bool AuditWriter::submit(OwnedAudit audit) {
  {
    std::lock_guard lock(mutex_);
    if (queue_.size() >= capacity_ || stopping_) {
      ++dropped_;
    } else {
      queue_.push_back(std::move(audit));
      ready_.notify_one();
      return true;
    }
  }
  if (on_drop_) on_drop_();
  return false;
}

std::uint64_t AuditWriter::dropped() const {
  std::lock_guard lock(mutex_);
  return dropped_;
}

std::uint64_t AuditWriter::written() const {
  std::lock_guard lock(mutex_);
  return written_;
}

void AuditWriter::run() {
  std::unique_lock lock(mutex_);
  for (;;) {
    ready_.wait(
        lock, [&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) return;  // stopping, and everything written
    std::vector<OwnedAudit> batch;
    while (!queue_.empty() && batch.size() < max_batch_) {
      batch.push_back(std::move(queue_.front()));
      queue_.pop_front();
    }
    lock.unlock();
    bool ok = true;
    try {
      write_(batch);
    } catch (const std::exception& e) {
      ok = false;
      log::error("audit entries for refused calls could not be written",
                 {{"entries", batch.size()}, {"error", text::scrub_database_error(e.what())}});
    }
    lock.lock();
    if (ok) written_ += batch.size();
  }
}

}  // namespace vnn::platform::rpc::detail
