#pragma once
// The allocation service's own metrics: how many funds are flagged short (read from the
// database, so every replica reports the same figure) and approvals refused, by reason.

#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/gauge.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include "vnn/platform/rpc/service_context.h"

namespace vnn::allocation {

class AllocationMetrics {
 public:
  // Starts the thread that refreshes vnn_allocation_funds_short every `interval`.
  explicit AllocationMetrics(const platform::rpc::ServiceContext& context,
                             std::chrono::seconds interval = std::chrono::seconds(15));
  ~AllocationMetrics();
  AllocationMetrics(const AllocationMetrics&) = delete;
  AllocationMetrics& operator=(const AllocationMetrics&) = delete;

  // vnn_allocation_approvals_refused_total{reason}: FUND_INSUFFICIENT, FUND_FLAGGED_SHORT, …
  void approval_refused(const std::string& reason) const;

 private:
  void refresh_loop();

  const platform::rpc::ServiceContext& context_;
  std::chrono::seconds interval_;
  prometheus::Gauge& funds_short_;
  prometheus::Family<prometheus::Counter>& refused_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace vnn::allocation
