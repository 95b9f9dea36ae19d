#pragma once
// What this service learns from the donation service's events: campaigns and their deadlines.

#include "vnn/platform/events/event_consumer.h"

namespace vnn::household_review {

// Durable consumer "household_review_campaigns" on vnn.donation.campaign.>: keeps the campaigns
// (period, organising unit, the household lists' deadline) that submissions are checked against.
platform::events::ConsumerSpec campaign_consumer();

}  // namespace vnn::household_review
