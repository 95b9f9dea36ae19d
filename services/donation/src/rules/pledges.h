#pragma once
// A pledge is a donor's promise to a fund in a campaign: a positive amount, pledged inside the
// campaign's period and due by its end at the latest. Its fulfilment is summed from the
// donations naming it, never stored; it is fulfilled the first time that sum reaches the
// amount, and pledge.fulfilled is announced once, with that donation.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "rules/campaign_period.h"
#include "vnn/platform/date.h"
#include "vnn/platform/money.h"

namespace vnn::donation::rules {

using platform::money::Dong;

inline constexpr std::size_t kMaxPledgeNote = 1000;

struct PledgeShape {
  Dong amount = 0;
  platform::Date pledged_on;
  std::optional<platform::Date> due_on;  // nullopt when the request leaves it unset
  std::string note;
};

// INVALID_ARGUMENT on the first field at fault: amount.dong, pledged_on, due_on, note.
void check_pledge_shape(const PledgeShape& pledge, Dong max_amount);

// INVALID_ARGUMENT on pledged_on outside the campaign's period, on due_on after its end.
void require_pledge_in_campaign(const PledgeShape& pledge, const CampaignPeriod& period);

enum class PledgeStatus { kOpen, kPartlyFulfilled, kFulfilled };
PledgeStatus pledge_status(Dong amount, Dong fulfilled);

// What a donation naming a pledge is checked against.
struct PledgeFacts {
  std::int64_t id = 0;
  std::string campaign_id, fund_id;
  Dong amount = 0;
  platform::Date pledged_on;
};

// INVALID_ARGUMENT on pledge_id when the donation is to another campaign or fund, on
// received_on when it was received before the pledge was made.
void require_donation_fits_pledge(const PledgeFacts& pledge, const std::string& campaign_id,
                                  const std::string& fund_id, const platform::Date& received);

struct PledgeDonation {
  std::int64_t donation_id = 0;
  Dong amount = 0;  // negative for a reversal
};

// The donations naming the pledge in the order they were recorded (the latest, `latest_id`,
// among them): the sum they reach when `latest_id` is the one that fulfils the pledge; nullopt
// when it is not fulfilled yet or was fulfilled before.
std::optional<Dong> fulfilled_by(Dong pledge_amount, const std::vector<PledgeDonation>& donations,
                                 std::int64_t latest_id);

}  // namespace vnn::donation::rules
