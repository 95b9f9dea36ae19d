#pragma once
// What this service learns of support households received through other channels, so the
// coverage report can show a household helped twice for one need.

#include "vnn/platform/events/event_consumer.h"

namespace vnn::household_review {

// Durable consumer "household_review_donations" on vnn.donation.donation.>: direct support to a
// household is kept (and dropped again when the donation is reversed).
platform::events::ConsumerSpec donation_support_consumer();

}  // namespace vnn::household_review
