#pragma once
// Abseil's mutexes check lock order on every acquisition when Abseil is built without NDEBUG,
// as Debian builds it. gRPC takes such a mutex several times per call, so each process that
// serves or drives gRPC turns the check off at start: it costs CPU on every call
// (docs/benchmarks.md, "Measurements behind code comments").

namespace vnn::platform {

// Call once, early in main, before any gRPC object exists.
void skip_mutex_deadlock_detection();

}  // namespace vnn::platform
