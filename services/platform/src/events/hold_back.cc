#include "hold_back.h"

#include <algorithm>

namespace vnn::platform::events {

std::chrono::milliseconds hold_back_delay(const HoldBackPolicy& policy, int delivered) {
  const int doublings = std::clamp(delivered - 1, 0, 20);
  // At most a quarter of the ack wait: once the missing event is back, the held one follows it
  // within that, not a whole ack wait later.
  // Never zero, so the time waited always grows.
  const auto longest = std::max(policy.ack_wait / 4, std::chrono::milliseconds(1));
  return std::clamp(policy.retry_delay * (std::int64_t{1} << doublings),
                    std::chrono::milliseconds(1), longest);
}

bool hold_back_again(const HoldBackPolicy& policy, int delivered) {
  if (delivered < policy.max_deliveries) return true;
  std::chrono::milliseconds waited{0};
  for (int n = 1; n < delivered; ++n) waited += hold_back_delay(policy, n);
  return waited < 2 * policy.ack_wait;
}

}  // namespace vnn::platform::events
