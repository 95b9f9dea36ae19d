#pragma once
// Runs a unit of work in one transaction, retrying it whole on the failures PostgreSQL asks
// clients to retry (serialization failure, deadlock) and on a lost connection. The body may
// run more than once: it must not have effects outside the transaction.

#include <chrono>
#include <functional>
#include <optional>
#include <pqxx/pqxx>
#include <type_traits>

#include "vnn/platform/db/pool.h"

namespace vnn::platform::db {

enum class Isolation { kReadCommitted, kRepeatableRead, kSerializable };

struct TxOptions {
  // The caller's deadline: waiting for a connection and every statement stop there
  // (SET LOCAL statement_timeout), so a call never outlives its deadline in PostgreSQL.
  std::optional<Clock::time_point> deadline;
  // Used when there is no deadline.
  std::chrono::milliseconds default_statement_timeout{5000};
  // The longest statement_timeout whatever the deadline: a caller cannot hold a connection
  // (and the locks its statements take) for as long as it likes by sending a far deadline.
  // Imports, whose one transaction runs long statements, are given a larger one
  // (rpc::CallContext::import_tx_options).
  std::chrono::milliseconds statement_timeout_ceiling{10000};
  Isolation isolation = Isolation::kReadCommitted;
  int max_attempts = 6;
};

// Non-template core: runs `body` and commits, with the retry policy above. Translates
// PostgreSQL failures to vnn::platform::Error (kUnavailable, kDeadlineExceeded, kAborted).
void run_transaction(ConnectionPool& pool, const TxOptions& options,
                     const std::function<void(pqxx::transaction_base&)>& body);

template <typename Body>
auto with_transaction(ConnectionPool& pool, const TxOptions& options, Body&& body) {
  using Result = std::invoke_result_t<Body, pqxx::transaction_base&>;
  if constexpr (std::is_void_v<Result>) {
    run_transaction(pool, options, body);
  } else {
    std::optional<Result> result;
    run_transaction(pool, options, [&](pqxx::transaction_base& tx) { result = body(tx); });
    return std::move(*result);
  }
}

}  // namespace vnn::platform::db
