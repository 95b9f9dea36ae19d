#pragma once
// A fixed-size pool of PostgreSQL connections. libpqxx 6.4 connections are not thread-safe,
// so each call borrows one for the length of a transaction.

#include <chrono>
#include <condition_variable>
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
    Lease(ConnectionPool* pool, std::unique_ptr<pqxx::connection> connection)
        : pool_(pool), connection_(std::move(connection)) {}
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
  };

  // Waits for a free connection until `deadline`; throws Error(kUnavailable) when PostgreSQL
  // cannot be reached and Error(kDeadlineExceeded) when the deadline passes first.
  Lease acquire(std::optional<Clock::time_point> deadline = std::nullopt);

  int size() const { return options_.size; }
  int in_use() const;
  const std::string& schema() const { return options_.schema; }

 private:
  void give_back(std::unique_ptr<pqxx::connection> connection);
  std::unique_ptr<pqxx::connection> connect() const;

  PoolOptions options_;
  mutable std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<pqxx::connection>> idle_;
  int open_ = 0;  // connections that exist, idle or leased
  int leased_ = 0;
};

}  // namespace vnn::platform::db
