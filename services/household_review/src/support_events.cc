#include "support_events.h"

#include "vnn/donation/v1/donation.pb.h"

namespace vnn::household_review {
namespace {

constexpr const char* kDirectChannel = "donation.direct";

void apply_donation_event(pqxx::transaction_base& tx, const common::v1::EventEnvelope& event) {
  if (event.type() == "donation.recorded") {
    donation::v1::DonationRecorded recorded;
    if (!event.payload().UnpackTo(&recorded)) {
      throw std::invalid_argument("donation.recorded has an unexpected payload");
    }
    if (recorded.household_id() == 0) return;  // into a fund: not support to a household yet
    tx.exec_prepared("support_seen_insert", kDirectChannel, std::to_string(recorded.donation_id()),
                     recorded.household_id(), recorded.campaign_id(), recorded.support_need());
  } else if (event.type() == "donation.reversed") {
    donation::v1::DonationReversed reversed;
    if (!event.payload().UnpackTo(&reversed)) {
      throw std::invalid_argument("donation.reversed has an unexpected payload");
    }
    tx.exec_prepared("support_seen_delete", kDirectChannel, std::to_string(reversed.donation_id()));
  }
}

}  // namespace

platform::events::ConsumerSpec donation_support_consumer() {
  return {.name = "household_review_donations",
          .filter_subject = "vnn.donation.donation.>",
          .handler = apply_donation_event};
}

}  // namespace vnn::household_review
