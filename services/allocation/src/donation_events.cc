#include "donation_events.h"

namespace vnn::allocation {

platform::events::ConsumerSpec donation_consumer(const platform::rpc::ServiceContext& context) {
  (void)context;
  return {.name = "allocation_donation_events",
          .filter_subject = "vnn.donation.>",
          .handler = [](pqxx::transaction_base&, const common::v1::EventEnvelope&) {}};
}

}  // namespace vnn::allocation
