#pragma once
// Writes the audit entries of refused and failed calls in the background, on one thread with
// one connection at a time, so that a flood of refusals never takes the threads, connections or
// queue places of real work. The queue is bounded: an entry that finds it full is dropped and
// counted (the caller's answer does not wait for its audit). Knows nothing of PostgreSQL: the
// writing is handed in, so the queue is tested on its own.

#include <absl/base/thread_annotations.h>

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "idempotency_store.h"
#include "vnn/platform/auth/principal.h"

namespace vnn::platform::rpc::detail {

// An audit entry with its own copy of who it is about: the call it came from is finished by the
// time it is written.
struct OwnedAudit {
  std::optional<auth::Principal> who;
  AuditEntry entry;
};

class AuditWriter {
 public:
  // Writes one batch (entry.principal still unset: point it at `who`). May throw: the batch is
  // then lost and logged.
  using Write = std::function<void(std::vector<OwnedAudit>& batch)>;

  AuditWriter(std::size_t capacity, std::size_t max_batch, Write write,
              std::function<void()> on_drop);
  AuditWriter(const AuditWriter&) = delete;
  AuditWriter& operator=(const AuditWriter&) = delete;
  // Writes what is queued, then stops.
  ~AuditWriter();

  // Queues the entry; false (and counted) when the queue is full.
  bool submit(OwnedAudit audit);
  std::uint64_t dropped() const;
  std::uint64_t written() const;

 private:
  void run();

  const std::size_t capacity_;
  const std::size_t max_batch_;
  Write write_;
  std::function<void()> on_drop_;
  mutable std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<OwnedAudit> queue_ ABSL_GUARDED_BY(mutex_);
  bool stopping_ ABSL_GUARDED_BY(mutex_) = false;
  std::uint64_t dropped_ ABSL_GUARDED_BY(mutex_) = 0;
  std::uint64_t written_ ABSL_GUARDED_BY(mutex_) = 0;
  std::thread thread_;  // last: starts once the rest is built
};

}  // namespace vnn::platform::rpc::detail
