#pragma once
// The events RecordDonation announces, built in one place for both of its paths (the group
// commit and the call that commits alone).

#include <cstdint>
#include <string>

#include "vnn/donation/v1/donation.pb.h"

namespace vnn::donation {

// donation.recorded for the donation `recorded` (as the response shows it: donor and receipt
// filled) written for request `r` into a fund of `unit_code` by donor `donor_id`. A pledge,
// household and support need are the request's: a batched call names none.
v1::DonationRecorded donation_recorded(const v1::RecordDonationRequest& r,
                                       const v1::Donation& recorded, const std::string& unit_code,
                                       std::int64_t donor_id);

}  // namespace vnn::donation
