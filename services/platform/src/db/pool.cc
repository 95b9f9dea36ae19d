#include "vnn/platform/db/pool.h"

#include "vnn/platform/errors.h"
#include "vnn/platform/log.h"

namespace vnn::platform::db {

ConnectionPool::ConnectionPool(PoolOptions options) : options_(std::move(options)) {}

ConnectionPool::~ConnectionPool() = default;

ConnectionPool::Lease::~Lease() {
  if (pool_ != nullptr) {
    pool_->give_back(std::move(connection_));
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
  // JIT-compile a statement that runs for milliseconds, at 200-250 ms a time.
  connection->set_variable("jit", "off");
  for (const auto& prepare : options_.on_connect) prepare(*connection);
  return connection;
}

ConnectionPool::Lease ConnectionPool::acquire(std::optional<Clock::time_point> deadline) {
  std::unique_lock lock(mutex_);
  auto ready = [&] { return !idle_.empty() || open_ < options_.size; };
  if (deadline) {
    if (!available_.wait_until(lock, *deadline, ready)) {
      throw Error(ErrorCode::kDeadlineExceeded,
                  "deadline passed waiting for a database connection");
    }
  } else {
    available_.wait(lock, ready);
  }
  ++leased_;
  if (!idle_.empty()) {
    auto connection = std::move(idle_.back());
    idle_.pop_back();
    return Lease(this, std::move(connection));
  }
  ++open_;
  lock.unlock();
  try {
    return Lease(this, connect());
  } catch (const std::exception& e) {
    lock.lock();
    --open_;
    --leased_;
    available_.notify_one();
    log::warn("database connection failed", {{"error", e.what()}});
    throw Error(ErrorCode::kUnavailable, "database unavailable");
  }
}

void ConnectionPool::give_back(std::unique_ptr<pqxx::connection> connection) {
  std::lock_guard lock(mutex_);
  --leased_;
  if (connection && connection->is_open()) {
    idle_.push_back(std::move(connection));
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
