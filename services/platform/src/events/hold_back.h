#pragma once
// How long a strictly ordered consumer holds back an event that skips a version, waiting for the
// one before it. The missing event may be on its way (retried after a failure), or in the hands
// of a consumer process that died: JetStream gives it to another only when its ack wait runs
// out. So an event is held back, with growing delays, until the time it has waited covers twice
// the ack wait, and at least `max_deliveries` times; only then is the missing one taken as lost
// and this one applied out of order.

#include <chrono>

namespace vnn::platform::events {

struct HoldBackPolicy {
  std::chrono::milliseconds retry_delay;  // the first delay, doubled per delivery
  std::chrono::milliseconds ack_wait;     // no single delay is longer than a quarter of it
  int max_deliveries;
};

// The delay before delivery `delivered` + 1 of a held-back event.
std::chrono::milliseconds hold_back_delay(const HoldBackPolicy& policy, int delivered);
// Whether an event delivered `delivered` times (1 the first) is held back once more.
bool hold_back_again(const HoldBackPolicy& policy, int delivered);

}  // namespace vnn::platform::events
