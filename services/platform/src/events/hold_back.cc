#include "hold_back.h"

#include <algorithm>

namespace vnn::platform::events {

std::chrono::milliseconds hold_back_delay(const HoldBackPolicy& policy, int delivered) {
  const int doublings = std::clamp(delivered - 1, 0, 20);
  return std::min(policy.retry_delay * (std::int64_t{1} << doublings), policy.ack_wait);
}

bool hold_back_again(const HoldBackPolicy& policy, int delivered) {
  if (delivered < policy.max_deliveries) return true;
  std::chrono::milliseconds waited{0};
  for (int n = 1; n < delivered; ++n) waited += hold_back_delay(policy, n);
  return waited < 2 * policy.ack_wait;
}

}  // namespace vnn::platform::events
