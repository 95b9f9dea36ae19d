#include "campaign_events.h"

#include "vnn/donation/v1/donation.pb.h"
#include "vnn/platform/date.h"
#include "vnn/platform/proto_convert.h"

namespace vnn::household_review {
namespace {

std::string iso(const common::v1::Date& d) { return platform::from_proto(d).iso(); }

void apply_campaign_event(pqxx::transaction_base& tx, const common::v1::EventEnvelope& event) {
  // Created and changed both carry the whole campaign as it is: what we knew is replaced.
  donation::v1::Campaign c;
  donation::v1::CampaignCreated created;
  donation::v1::CampaignChanged changed;
  if (event.payload().UnpackTo(&created)) {
    c = created.campaign();
  } else if (event.payload().UnpackTo(&changed)) {
    c = changed.campaign();
  } else {
    throw std::invalid_argument("campaign event " + event.type() + " has an unexpected payload");
  }
  std::optional<std::string> lists_due;
  for (const auto& m : c.milestones()) {
    if (m.kind() == donation::v1::MILESTONE_KIND_HOUSEHOLD_LISTS_DUE) lists_due = iso(m.due_on());
  }
  tx.exec_prepared("campaign_upsert", c.id(), c.name(), c.unit_code(), iso(c.starts_on()),
                   iso(c.ends_on()), lists_due ? lists_due->c_str() : nullptr);
}

}  // namespace

platform::events::ConsumerSpec campaign_consumer() {
  return {.name = "household_review_campaigns",
          .filter_subject = "vnn.donation.campaign.>",
          .handler = apply_campaign_event,
          .strict_order = true};
}

}  // namespace vnn::household_review
