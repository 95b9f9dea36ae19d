#include "vnn/platform/db/retention.h"

#include <string>

#include "vnn/platform/db/arrays.h"
#include "vnn/platform/db/transaction.h"
#include "vnn/platform/log.h"
#include "vnn/platform/text/scrub.h"

namespace vnn::platform::db {
namespace {

// Batches by ctid, so that one DELETE never holds more than `batch` rows' locks.
constexpr const char* kPruneIdempotency =
    "DELETE FROM idempotency_key WHERE ctid = ANY(ARRAY(SELECT ctid FROM idempotency_key "
    "WHERE created_at < now() - make_interval(hours => $1) LIMIT $2))";
constexpr const char* kPruneInbox =
    "DELETE FROM inbox WHERE ctid = ANY(ARRAY(SELECT ctid FROM inbox "
    "WHERE processed_at < now() - make_interval(hours => $1) LIMIT $2))";
// Cursors of strict-order consumers are kept (see RetentionOptions::keep_cursors_of).
constexpr const char* kPruneCursors =
    "DELETE FROM consumer_cursor WHERE ctid = ANY(ARRAY(SELECT ctid FROM consumer_cursor "
    "WHERE updated_at < now() - make_interval(hours => $1) AND consumer <> ALL($3::text[]) "
    "LIMIT $2))";

std::int64_t prune_table(ConnectionPool& pool, const char* sql, std::chrono::hours age, int batch,
                         const std::vector<std::string>* kept = nullptr) {
  TxOptions options;
  options.default_statement_timeout = std::chrono::milliseconds(30000);
  options.statement_timeout_ceiling = std::chrono::milliseconds(30000);
  std::int64_t total = 0;
  for (;;) {
    const std::int64_t deleted =
        with_transaction(pool, options, [&](pqxx::transaction_base& tx) -> std::int64_t {
          const auto hours = static_cast<int>(age.count());
          const auto result = kept ? tx.exec_params(sql, hours, batch, text_array(*kept))
                                   : tx.exec_params(sql, hours, batch);
          return static_cast<std::int64_t>(result.affected_rows());
        });
    total += deleted;
    if (deleted < batch) return total;
  }
}

}  // namespace

RetentionPruner::RetentionPruner(ConnectionPool& pool, RetentionOptions options)
    : pool_(pool), options_(options) {
  if (options_.batch < 1) options_.batch = 1;
}

RetentionPruner::~RetentionPruner() { stop(); }

void RetentionPruner::start() {
  std::lock_guard lock(mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { run(); });
}

void RetentionPruner::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

PruneCounts RetentionPruner::prune_once() {
  PruneCounts counts;
  counts.idempotency_keys =
      prune_table(pool_, kPruneIdempotency, options_.idempotency, options_.batch);
  counts.inbox = prune_table(pool_, kPruneInbox, options_.inbox, options_.batch);
  counts.cursors =
      prune_table(pool_, kPruneCursors, options_.inbox, options_.batch, &options_.keep_cursors_of);
  return counts;
}

void RetentionPruner::run() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    try {
      const PruneCounts counts = prune_once();
      if (counts.idempotency_keys + counts.inbox + counts.cursors > 0) {
        log::info("old rows pruned", {{"idempotency_keys", counts.idempotency_keys},
                                      {"inbox", counts.inbox},
                                      {"consumer_cursors", counts.cursors}});
      }
    } catch (const std::exception& e) {
      log::warn("pruning old rows failed; trying again next interval",
                {{"error", text::scrub_database_error(e.what())}});
    }
    lock.lock();
    wake_.wait_for(lock, options_.interval, [&] { return stopping_; });
  }
}

}  // namespace vnn::platform::db
