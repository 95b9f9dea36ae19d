#pragma once
// A fixed-size pool of PostgreSQL connections. libpqxx 6.4 connections are not thread-safe,
// so each call borrows one for the length of a transaction.

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

namespace vnn::platform::db {

using Clock = std::chrono::system_clock;

struct PoolOptions {
  std::string dsn;
  int size = 16;
  std::string schema;  // becomes the search_path of every connection
  // The longest a lease waits for a free connection, whatever deadline its caller has: a
  // caller with a far deadline is told DATABASE_BUSY instead of waiting behind everyone.
  std::chrono::milliseconds acquire_timeout{2000};
  // Runs once on every new connection: services prepare their statements here.
  std::vector<std::function<void(pqxx::connection&)>> on_connect;
};

class ConnectionPool {
 public:
  explicit ConnectionPool(PoolOptions options);
  ~ConnectionPool();
  ConnectionPool(const ConnectionPool&) = delete;
  ConnectionPool& operator=(const ConnectionPool&) = delete;

  class Lease {
   public:
    Lease(ConnectionPool* pool, std::unique_ptr<pqxx::connection> connection,
          std::size_t hooks_run = 0)
        : pool_(pool), connection_(std::move(connection)), hooks_run_(hooks_run) {}
    Lease(Lease&&) noexcept = default;
    Lease& operator=(Lease&&) noexcept = default;
    ~Lease();
    pqxx::connection& operator*() const { return *connection_; }
    pqxx::connection* operator->() const { return connection_.get(); }
    // The connection failed: close it instead of returning it, so the next lease reconnects.
    void discard() { connection_.reset(); }

   private:
    ConnectionPool* pool_;
    std::unique_ptr<pqxx::connection> connection_;
    std::size_t hooks_run_;  // of the pool's added hooks
  };

  // Waits for a free connection until `deadline`, at most PoolOptions::acquire_timeout; throws
  // Error(kUnavailable) when PostgreSQL cannot be reached, Error(kDeadlineExceeded) when the
  // deadline passes first, and Error(kUnavailable, reason DATABASE_BUSY) when the cap does.
  Lease acquire(std::optional<Clock::time_point> deadline = std::nullopt);

  // Runs `hook` on every connection before its next lease, those already open included, like
  // PoolOptions::on_connect: for statements only some services use (e.g. rpc::GroupCommit's).
  void add_on_connect(std::function<void(pqxx::connection&)> hook);

  int size() const { return options_.size; }
  int in_use() const;
  const std::string& schema() const { return options_.schema; }

 private:
  struct Idle {
    std::unique_ptr<pqxx::connection> connection;
    std::size_t hooks_run = 0;
  };
  void give_back(std::unique_ptr<pqxx::connection> connection, std::size_t hooks_run);
  std::unique_ptr<pqxx::connection> connect() const;
  // Runs the added hooks past the first `hooks_run` on a connection counted as leased; returns
  // how many it has now run.
  std::size_t run_added_hooks(std::unique_ptr<pqxx::connection>& connection, std::size_t hooks_run);

  PoolOptions options_;
  mutable std::mutex mutex_;
  std::condition_variable available_;
  std::vector<Idle> idle_;
  // Appended to, never removed from: a lease runs those past its hooks_run_.
  std::vector<std::function<void(pqxx::connection&)>> added_hooks_;
  int open_ = 0;  // connections that exist, idle or leased
  int leased_ = 0;
};

}  // namespace vnn::platform::db
