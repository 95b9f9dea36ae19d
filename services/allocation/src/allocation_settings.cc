#include "allocation_settings.h"

#include <CLI/CLI.hpp>

namespace vnn::allocation {

void add_allocation_options(CLI::App& app, AllocationSettings& settings) {
  // Only eligibility: the token this service presents to household review says so.
  settings.household_review.methods = {"GetEligibility"};
  platform::rpc::add_outgoing_options(app, settings.household_review, "household-review",
                                      "household review service asked whether a household is "
                                      "approved and free of open duplicate questions");
}

void validate_allocation_settings(const AllocationSettings& settings) {
  platform::rpc::validate_outgoing_settings(settings.household_review, "household-review");
}

}  // namespace vnn::allocation
