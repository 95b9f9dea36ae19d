#pragma once
// Abseil's mutexes check lock order on every acquisition when Abseil is built without NDEBUG,
// as Debian builds it. gRPC takes such a mutex several times per call, so each process that
// serves or drives gRPC turns the check off at start: under RecordDonation load it cost about
// 1.1 % of the machine (lock-graph updates in absl's GraphCycles).

namespace vnn::platform {

// Call once, early in main, before any gRPC object exists.
void skip_mutex_deadlock_detection();

}  // namespace vnn::platform
