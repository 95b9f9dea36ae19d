#include "vnn/platform/db/transaction.h"

#include <algorithm>
#include <random>
#include <thread>

#include "vnn/platform/db/after_commit.h"
#include "vnn/platform/errors.h"
#include "vnn/platform/log.h"
#include "vnn/platform/text/scrub.h"

namespace vnn::platform::db {
namespace {

constexpr const char* kQueryCanceled = "57014";  // statement_timeout fired
constexpr const char* kAdminShutdown = "57P01";  // server terminating the session

std::chrono::milliseconds statement_timeout(const TxOptions& options) {
  const auto ceiling = options.statement_timeout_ceiling;
  if (!options.deadline) return std::min(options.default_statement_timeout, ceiling);
  auto left =
      std::chrono::duration_cast<std::chrono::milliseconds>(*options.deadline - Clock::now());
  if (left <= std::chrono::milliseconds(0)) {
    throw Error(ErrorCode::kDeadlineExceeded, "deadline exceeded");
  }
  return std::min(left, ceiling);
}

// The commit may or may not have happened; only an idempotent retry by the caller is safe.
Error in_doubt() {
  return Error(ErrorCode::kUnavailable, "database connection lost during commit; retry");
}

void backoff(int attempt) {
  // Jittered exponential backoff: 5 ms, 10 ms, 20 ms … so racing retries spread out.
  thread_local std::minstd_rand random{std::random_device{}()};
  int base = 5 << std::min(attempt, 6);
  std::uniform_int_distribution<int> jitter(base / 2, base);
  std::this_thread::sleep_for(std::chrono::milliseconds(jitter(random)));
}

const char* begin_statement(Isolation isolation) {
  switch (isolation) {
    case Isolation::kReadCommitted:
      return "BEGIN ISOLATION LEVEL READ COMMITTED";
    case Isolation::kRepeatableRead:
      return "BEGIN ISOLATION LEVEL REPEATABLE READ";
    case Isolation::kSerializable:
      return "BEGIN ISOLATION LEVEL SERIALIZABLE";
  }
  return "BEGIN";
}

// BEGIN and the statement timeout travel in one round trip (a simple query may hold several
// statements), which pqxx::transaction cannot do; hence a nontransaction with explicit
// BEGIN/COMMIT. A failure leaves the session in an aborted transaction, so roll back before
// the connection goes back to the pool.
void run_once(pqxx::connection& connection, const TxOptions& options,
              const std::function<void(pqxx::transaction_base&)>& body, bool& commit_sent) {
  pqxx::nontransaction tx(connection);
  // statement_timeout 0 means "none" to PostgreSQL: never send 0; above INT_MAX ms it refuses
  // the value.
  constexpr long long kLongestTimeout = 2'147'483'647;
  auto timeout = std::clamp<long long>(statement_timeout(options).count(), 1, kLongestTimeout);
  try {
    // Inside the try: when BEGIN succeeds and the SET fails, the session is in an aborted
    // transaction that must be rolled back before the connection goes back to the pool.
    tx.exec(std::string(begin_statement(options.isolation)) +
            "; SET LOCAL statement_timeout = " + std::to_string(timeout));
    body(tx);
    commit_sent = true;
    tx.exec("COMMIT");
  } catch (...) {
    try {
      if (connection.is_open()) tx.exec("ROLLBACK");
    } catch (const std::exception&) {
      // The connection is gone or unusable; the caller discards it.
    }
    throw;
  }
}

}  // namespace

void run_transaction(ConnectionPool& pool, const TxOptions& options,
                     const std::function<void(pqxx::transaction_base&)>& body) {
  internal::AfterCommitScope after_commit_scope;
  for (int attempt = 1;; ++attempt) {
    bool last = attempt >= options.max_attempts;
    after_commit_scope.discard();
    auto lease = pool.acquire(options.deadline);
    bool commit_sent = false;
    try {
      run_once(*lease, options, body, commit_sent);
      after_commit_scope.run();
      return;
    } catch (const pqxx::statement_completion_unknown&) {
      lease.discard();
      throw in_doubt();
    } catch (const pqxx::transaction_rollback& e) {
      // serialization_failure and deadlock_detected land here (no SQLSTATE in libpqxx 6.4).
      if (last) throw Error(ErrorCode::kAborted, "concurrent update conflict; retry");
      log::debug("transaction conflict, retrying",
                 {{"attempt", attempt}, {"error", text::scrub_database_error(e.what())}});
    } catch (const pqxx::broken_connection&) {
      lease.discard();
      // Lost while committing: it may have committed, so running the body again is not safe.
      if (commit_sent) throw in_doubt();
      if (last) throw Error(ErrorCode::kUnavailable, "database unavailable");
    } catch (const pqxx::sql_error& e) {
      if (e.sqlstate() == kQueryCanceled) {
        throw Error(ErrorCode::kDeadlineExceeded, "deadline exceeded in the database");
      }
      if (e.sqlstate() == kAdminShutdown || e.sqlstate().starts_with("08")) {
        lease.discard();
        if (commit_sent) throw in_doubt();
        if (last) throw Error(ErrorCode::kUnavailable, "database unavailable");
      } else {
        throw;  // a bug or a constraint the caller did not expect: the RPC layer says INTERNAL
      }
    }
    if (options.deadline && Clock::now() >= *options.deadline) {
      throw Error(ErrorCode::kDeadlineExceeded, "deadline exceeded");
    }
    backoff(attempt);
  }
}

}  // namespace vnn::platform::db
