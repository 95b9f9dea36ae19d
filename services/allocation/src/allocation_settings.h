#pragma once
// The allocation service's own settings (besides the platform's).

#include "vnn/platform/rpc/outgoing_client.h"

namespace CLI {
class App;
}

namespace vnn::allocation {

struct AllocationSettings {
  // --household-review-target …: where eligibility is asked at proposal and approval.
  platform::rpc::OutgoingSettings household_review;
};

void add_allocation_options(CLI::App& app, AllocationSettings& settings);
// Throws std::invalid_argument with one line when a setting is unusable.
void validate_allocation_settings(const AllocationSettings& settings);

}  // namespace vnn::allocation
