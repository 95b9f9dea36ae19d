#pragma once
// Keeps the read models from the other services' events, each applied once (the platform's
// inbox) in the consumer's transaction, with the figures it changes and the freshness row.
// Once the transaction commits, the campaign's followers are told (ProgressHub).

#include "progress_hub.h"
#include "vnn/platform/events/event_consumer.h"

namespace vnn::reporting {

// Durable "reporting_donation_events" on vnn.donation.>: campaigns, funds, mobilisers,
// donations and reversals.
platform::events::ConsumerSpec donation_consumer(ProgressHub& hub);
// Durable "reporting_household_events" on vnn.household_review.household.>: submissions,
// reviews, assignments.
platform::events::ConsumerSpec household_consumer(ProgressHub& hub);
// Durable "reporting_allocation_events" on vnn.allocation.>: supports and fund balances.
platform::events::ConsumerSpec allocation_consumer(ProgressHub& hub);

}  // namespace vnn::reporting
