#include "vnn/platform/events/outbox_notifier.h"

#include <pqxx/pqxx>

#include "vnn/platform/events/outbox.h"
#include "vnn/platform/log.h"
#include "vnn/platform/text/scrub.h"

namespace vnn::platform::events {

OutboxNotifier::OutboxNotifier(std::string dsn, std::string schema,
                               std::chrono::milliseconds coalesce)
    : dsn_(std::move(dsn)), channel_(outbox_channel(schema)), coalesce_(coalesce) {
  thread_ = std::thread([this] { run(); });
}

OutboxNotifier::~OutboxNotifier() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

void OutboxNotifier::poke() {
  {
    std::lock_guard lock(mutex_);
    if (poked_) return;
    poked_ = true;
  }
  wake_.notify_one();
}

void OutboxNotifier::run() {
  std::unique_ptr<pqxx::connection> connection;
  while (true) {
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [&] { return poked_ || stopping_; });
      if (stopping_) return;
    }
    // Let the pokes of the next moment fold into this NOTIFY.
    std::this_thread::sleep_for(coalesce_);
    {
      std::lock_guard lock(mutex_);
      poked_ = false;
    }
    try {
      if (!connection) {
        connection = std::make_unique<pqxx::connection>(dsn_);
        connection->prepare("notify", "SELECT pg_notify($1, '')");
      }
      pqxx::nontransaction tx(*connection);
      tx.exec_prepared("notify", channel_);
    } catch (const std::exception& e) {
      connection.reset();  // the relay's periodic poll covers the lost wake-up
      log::debug("outbox notify failed", {{"error", text::scrub_database_error(e.what())}});
    }
  }
}

}  // namespace vnn::platform::events
