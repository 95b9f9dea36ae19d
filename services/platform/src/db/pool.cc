#include "vnn/platform/db/pool.h"

#include "vnn/platform/errors.h"
#include "vnn/platform/log.h"
#include "vnn/platform/text/scrub.h"

namespace vnn::platform::db {

ConnectionPool::ConnectionPool(PoolOptions options) : options_(std::move(options)) {}

ConnectionPool::~ConnectionPool() = default;

ConnectionPool::Lease::~Lease() {
  if (pool_ != nullptr) {
    pool_->give_back(std::move(connection_), hooks_run_);
  }
}

std::unique_ptr<pqxx::connection> ConnectionPool::connect() const {
  auto connection = std::make_unique<pqxx::connection>(options_.dsn);
  if (!options_.schema.empty()) {
    // set_variable is remembered by libpqxx and restored if it reconnects silently.
    connection->set_variable("search_path", connection->quote_name(options_.schema));
  }
  // The services run short statements. When the planner's estimates are high (tables that
  // grew since autovacuum last analysed them, as during a large import), PostgreSQL would
  // JIT-compile a statement that runs for milliseconds, at a cost far above its run time.
  connection->set_variable("jit", "off");
  for (const auto& prepare : options_.on_connect) prepare(*connection);
  return connection;
}

ConnectionPool::Lease ConnectionPool::acquire(std::optional<Clock::time_point> deadline) {
  std::unique_lock lock(mutex_);
  auto ready = [&] { return !idle_.empty() || open_ < options_.size; };
  // Never wait unbounded: a caller without a deadline, or with a far one, waits the cap.
  const Clock::time_point cap = Clock::now() + options_.acquire_timeout;
  const bool callers_deadline_first = deadline && *deadline <= cap;
  if (!available_.wait_until(lock, callers_deadline_first ? *deadline : cap, ready)) {
    if (callers_deadline_first) {
      throw Error(ErrorCode::kDeadlineExceeded,
                  "deadline passed waiting for a database connection");
    }
    throw Error(ErrorCode::kUnavailable, "no database connection came free within " +
                                             std::to_string(options_.acquire_timeout.count()) +
                                             " ms; retry later")
        .with_reason(reason::kDatabaseBusy);
  }
  ++leased_;
  if (!idle_.empty()) {
    Idle idle = std::move(idle_.back());
    idle_.pop_back();
    const bool behind = idle.hooks_run < added_hooks_.size();
    lock.unlock();
    if (behind) idle.hooks_run = run_added_hooks(idle.connection, idle.hooks_run);
    return Lease(this, std::move(idle.connection), idle.hooks_run);
  }
  ++open_;
  lock.unlock();
  std::unique_ptr<pqxx::connection> connection;
  try {
    connection = connect();
  } catch (const std::exception& e) {
    lock.lock();
    --open_;
    --leased_;
    available_.notify_one();
    log::warn("database connection failed", {{"error", text::scrub_database_error(e.what())}});
    throw Error(ErrorCode::kUnavailable, "database unavailable");
  }
  const std::size_t hooks_run = run_added_hooks(connection, 0);
  return Lease(this, std::move(connection), hooks_run);
}

void ConnectionPool::add_on_connect(std::function<void(pqxx::connection&)> hook) {
  std::lock_guard lock(mutex_);
  added_hooks_.push_back(std::move(hook));
}

std::size_t ConnectionPool::run_added_hooks(std::unique_ptr<pqxx::connection>& connection,
                                            std::size_t hooks_run) {
  std::vector<std::function<void(pqxx::connection&)>> missing;
  {
    std::lock_guard lock(mutex_);
    missing.assign(added_hooks_.begin() + static_cast<std::ptrdiff_t>(hooks_run),
                   added_hooks_.end());
  }
  try {
    for (const auto& hook : missing) hook(*connection);
  } catch (...) {
    give_back(nullptr, 0);  // the lease was counted; the connection is in an unknown state
    throw;
  }
  return hooks_run + missing.size();
}

void ConnectionPool::give_back(std::unique_ptr<pqxx::connection> connection,
                               std::size_t hooks_run) {
  std::lock_guard lock(mutex_);
  --leased_;
  if (connection && connection->is_open()) {
    idle_.push_back(Idle{std::move(connection), hooks_run});
  } else {
    --open_;  // discarded or broken: the next lease opens a fresh one
  }
  available_.notify_one();
}

int ConnectionPool::in_use() const {
  std::lock_guard lock(mutex_);
  return leased_;
}

}  // namespace vnn::platform::db
