#pragma once
// Plays a whole scenario against the four services, step by step (steps.h), showing progress.

#include <chrono>

#include "runner/play.h"

namespace vnn::campaign {

struct RunResult {
  bool reconciled = false;  // reporting applied every event and agrees with the owners
  std::chrono::milliseconds took{0};
};

// Throws CallError when a service refuses what the scenario asks (the scenario is wrong, or
// the service is), std::runtime_error when a service does not learn in time.
RunResult run_campaign(Play& play);

}  // namespace vnn::campaign
