#include "household_events.h"

#include "vnn/household_review/v1/household_review.pb.h"

namespace vnn::allocation {
namespace {

namespace hr = household_review::v1;

template <typename Event>
void remember(pqxx::transaction_base& tx, const common::v1::EventEnvelope& envelope) {
  Event event;
  if (!envelope.payload().UnpackTo(&event)) {
    throw std::invalid_argument(envelope.type() + " has an unexpected payload");
  }
  tx.exec_prepared("household_upsert", event.household_id(), event.unit_code(),
                   event.masked_name());
  tx.exec_prepared("support_masked_name_fill", event.household_id(), event.masked_name());
}

void apply_household_event(pqxx::transaction_base& tx, const common::v1::EventEnvelope& event) {
  const auto& type = event.type();
  if (type == "household.registered") {
    remember<hr::HouseholdRegistered>(tx, event);
  } else if (type == "household.submitted") {
    remember<hr::HouseholdSubmitted>(tx, event);
  } else if (type == "household.reviewed") {
    remember<hr::HouseholdReviewed>(tx, event);
  } else if (type == "household.assigned") {
    remember<hr::HouseholdAssigned>(tx, event);
  }
}

}  // namespace

platform::events::ConsumerSpec household_consumer() {
  return {.name = "allocation_household_events",
          .filter_subject = "vnn.household_review.household.>",
          .handler = apply_household_event};
}

}  // namespace vnn::allocation
