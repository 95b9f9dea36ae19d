#pragma once
// What this service keeps of household review's events: a household's commune and masked name,
// so supports and disclosures name it without personal data.

#include "vnn/platform/events/event_consumer.h"

namespace vnn::allocation {

// Durable consumer "allocation_household_events" on vnn.household_review.household.>.
platform::events::ConsumerSpec household_consumer();

}  // namespace vnn::allocation
