#pragma once
// What the ledger learns from the donation service: funds, campaigns, donations into funds
// (credits; in kind to stock), reversals (debits), and support given directly to households
// (never a fund's cash; it lowers what a fund may add for the same need).

#include "vnn/platform/events/event_consumer.h"
#include "vnn/platform/rpc/service_context.h"

namespace vnn::allocation {

// Durable consumer "allocation_donation_events" on vnn.donation.>.
platform::events::ConsumerSpec donation_consumer(const platform::rpc::ServiceContext& context);

}  // namespace vnn::allocation
