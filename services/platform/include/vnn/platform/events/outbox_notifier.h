#pragma once
// Wakes the outbox relay — in this process or in another replica — after transactions that
// wrote events have committed. NOTIFY takes a database-wide lock while committing, so issuing it
// inside every writing transaction serialises all commits; instead, committed writers poke this
// notifier, which sends one NOTIFY on its own connection for all pokes of the last few
// milliseconds. If a wake-up is lost (a crash right after commit), the relay's periodic poll
// still finds the events.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

namespace vnn::platform::events {

class OutboxNotifier {
 public:
  OutboxNotifier(std::string dsn, std::string schema,
                 std::chrono::milliseconds coalesce = std::chrono::milliseconds(2));
  ~OutboxNotifier();
  OutboxNotifier(const OutboxNotifier&) = delete;
  OutboxNotifier& operator=(const OutboxNotifier&) = delete;

  // Cheap and non-blocking: called after each commit that wrote events.
  void poke();

 private:
  void run();

  std::string dsn_;
  std::string channel_;
  std::chrono::milliseconds coalesce_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool poked_ = false;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace vnn::platform::events
