#pragma once
// Prunes the platform's bookkeeping rows that only matter for a while, so that they do not grow
// for ever: idempotency keys (a client retries within minutes or hours, not months), and the
// inbox and consumer cursors of event consumers. A thread of the service runs a pass every
// interval; each pass deletes in batches, one transaction per batch.
//
// Inbox and cursor rows must outlive every copy of their event in JetStream: an inbox row is
// what makes a redelivered event a repeat, and the stream redelivers (or replays, to a new
// consumer) anything it still holds, for up to its max age (VNN_NATS_STREAM_MAX_AGE_H). So
// their retention must be longer than the stream's max age (config.cc refuses otherwise); an
// event older than that can no longer arrive. Past it, a pruned cursor only makes a later
// event of a long-quiet aggregate look like a gap, which a consumer that is not strict about
// order logs and applies. A strict-order consumer would hold such an event back for ever, so
// its cursors are kept (one row per aggregate: campaigns, few).

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "vnn/platform/db/pool.h"

namespace vnn::platform::db {

struct RetentionOptions {
  std::chrono::hours idempotency{24 * 30};  // VNN_IDEMPOTENCY_RETENTION_H
  std::chrono::hours inbox{24 * 120};       // VNN_INBOX_RETENTION_H: inbox and cursors
  std::chrono::seconds interval{3600};      // VNN_PRUNE_INTERVAL_S
  int batch = 5000;                         // rows per DELETE
  // Consumers whose cursors are never pruned: the strict-order ones.
  std::vector<std::string> keep_cursors_of;
};

struct PruneCounts {
  std::int64_t idempotency_keys = 0;
  std::int64_t inbox = 0;
  std::int64_t cursors = 0;
};

class RetentionPruner {
 public:
  RetentionPruner(ConnectionPool& pool, RetentionOptions options);
  ~RetentionPruner();  // stops
  RetentionPruner(const RetentionPruner&) = delete;
  RetentionPruner& operator=(const RetentionPruner&) = delete;

  // Starts the thread: a pass at once, then one every interval.
  void start();
  void stop();
  // One pass over the three tables; throws what the database throws.
  PruneCounts prune_once();

 private:
  void run();

  ConnectionPool& pool_;
  RetentionOptions options_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace vnn::platform::db
