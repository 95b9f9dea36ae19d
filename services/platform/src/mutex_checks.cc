#include "vnn/platform/mutex_checks.h"

#include <absl/synchronization/mutex.h>

namespace vnn::platform {

void skip_mutex_deadlock_detection() {
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
}

}  // namespace vnn::platform
