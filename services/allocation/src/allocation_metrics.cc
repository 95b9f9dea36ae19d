#include "allocation_metrics.h"

#include <prometheus/registry.h>

#include "vnn/platform/db/transaction.h"
#include "vnn/platform/log.h"
#include "vnn/platform/text/scrub.h"

namespace vnn::allocation {

AllocationMetrics::AllocationMetrics(const platform::rpc::ServiceContext& context,
                                     std::chrono::seconds interval)
    : context_(context),
      interval_(interval),
      funds_short_(prometheus::BuildGauge()
                       .Name("vnn_allocation_funds_short")
                       .Help("funds flagged short after a reversal: no approvals from them")
                       .Register(*context.metrics().registry())
                       .Add({})),
      refused_(prometheus::BuildCounter()
                   .Name("vnn_allocation_approvals_refused_total")
                   .Help("approvals refused, by reason code")
                   .Register(*context.metrics().registry())),
      thread_([this] { refresh_loop(); }) {}

AllocationMetrics::~AllocationMetrics() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void AllocationMetrics::approval_refused(const std::string& reason) const {
  refused_.Add({{"reason", reason}}).Increment();
}

void AllocationMetrics::refresh_loop() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    try {
      platform::db::TxOptions options;
      const auto count =
          platform::db::with_transaction(context_.pool(), options, [](pqxx::transaction_base& tx) {
            return tx.exec1("SELECT count(*) FROM fund WHERE shortfall > 0")[0].as<double>();
          });
      funds_short_.Set(count);
    } catch (const std::exception& e) {
      // Unreachable database: the gauge keeps its last value; readiness reports the outage.
      platform::log::warn("funds-short gauge not refreshed",
                          {{"error", platform::text::scrub_database_error(e.what())}});
    }
    lock.lock();
    wake_.wait_for(lock, interval_, [this] { return stopping_; });
  }
}

}  // namespace vnn::allocation
