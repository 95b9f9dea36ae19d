#include "donation_events.h"

namespace vnn::donation {

v1::DonationRecorded donation_recorded(const v1::RecordDonationRequest& r,
                                       const v1::Donation& recorded, const std::string& unit_code,
                                       std::int64_t donor_id) {
  v1::DonationRecorded event;
  event.set_donation_id(recorded.id());
  event.set_campaign_id(r.campaign_id());
  event.set_fund_id(r.fund_id());
  event.set_unit_code(unit_code);
  event.set_channel(r.channel());
  event.set_amount_dong(r.amount().dong());
  *event.mutable_received_on() = r.received_on();
  event.set_donor_id(donor_id);
  // The donor as recorded (for a pledge's donation the request may name none).
  event.set_donor_kind(recorded.donor().kind());
  event.set_mobiliser_id(r.mobiliser_id());
  *event.mutable_receipt() = recorded.receipt();
  event.set_pledge_id(r.pledge_id());
  event.set_household_id(r.household_id());
  event.set_support_need(r.support_need());
  event.set_confirmation_reference(recorded.confirmation_reference());
  // Public disclosure and commendation name donors (Vietnamese funds publish their donors);
  // an anonymous donor has no name to carry.
  if (recorded.donor().kind() != v1::DONOR_KIND_ANONYMOUS) {
    event.set_donor_public_name(!recorded.donor().name().empty() ? recorded.donor().name()
                                                                 : r.donor().name());
  }
  return event;
}

}  // namespace vnn::donation
