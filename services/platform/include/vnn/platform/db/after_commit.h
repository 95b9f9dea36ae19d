#pragma once
// Work to do once the current transaction has committed — never if it rolls back, and once
// even if run_transaction retried the body. Used to wake the outbox relay without taking
// PostgreSQL's NOTIFY lock inside every committing transaction.

#include <functional>

namespace vnn::platform::db {

// Registers `action` with the transaction running on this thread (inside run_transaction's
// body). Outside a transaction it runs at once.
void after_commit(std::function<void()> action);

namespace internal {
// run_transaction's side of after_commit.
class AfterCommitScope {
 public:
  AfterCommitScope();
  ~AfterCommitScope();
  void discard();  // an attempt failed: forget what it registered
  void run();      // committed: run and forget
};
}  // namespace internal

}  // namespace vnn::platform::db
