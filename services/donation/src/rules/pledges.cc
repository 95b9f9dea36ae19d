#include "rules/pledges.h"

#include "vnn/platform/errors.h"
#include "vnn/platform/text/text.h"

namespace vnn::donation::rules {

using platform::invalid_argument;

void check_pledge_shape(const PledgeShape& p, Dong max_amount) {
  platform::money::require_positive(p.amount, max_amount, "amount.dong");
  if (!p.pledged_on.valid()) {
    throw invalid_argument("pledged_on", "is required and must be a calendar date",
                           "cần ngày cam kết và phải là ngày có thật");
  }
  if (p.due_on) {
    if (!p.due_on->valid()) {
      throw invalid_argument("due_on", "is not a calendar date", "không phải ngày có thật");
    }
    if (*p.due_on < p.pledged_on) {
      throw invalid_argument("due_on", "is before pledged_on", "trước ngày cam kết");
    }
  }
  platform::text::require_text(p.note, "note", kMaxPledgeNote, false);
}

void require_pledge_in_campaign(const PledgeShape& p, const CampaignPeriod& period) {
  require_within_campaign(p.pledged_on, period, "pledged_on");
  // Promised for the campaign: due by its end at the latest.
  if (p.due_on && period.ends < *p.due_on) {
    throw invalid_argument("due_on", "is after the campaign ends on " + period.ends.iso(),
                           "sau ngày kết thúc đợt vận động (" + period.ends.vietnamese() + ")");
  }
}

PledgeStatus pledge_status(Dong amount, Dong fulfilled) {
  if (fulfilled >= amount) return PledgeStatus::kFulfilled;
  if (fulfilled > 0) return PledgeStatus::kPartlyFulfilled;
  return PledgeStatus::kOpen;
}

void require_donation_fits_pledge(const PledgeFacts& pledge, const std::string& campaign_id,
                                  const std::string& fund_id, const platform::Date& received) {
  if (pledge.campaign_id != campaign_id || pledge.fund_id != fund_id) {
    throw invalid_argument(
        "pledge_id", "is not a pledge to fund " + fund_id + " in campaign " + campaign_id,
        "không phải cam kết cho quỹ " + fund_id + " trong đợt vận động " + campaign_id);
  }
  if (received < pledge.pledged_on) {
    throw invalid_argument("received_on",
                           "is before the pledge was made on " + pledge.pledged_on.iso(),
                           "trước ngày cam kết " + pledge.pledged_on.vietnamese());
  }
}

std::optional<Dong> fulfilled_by(Dong pledge_amount, const std::vector<PledgeDonation>& donations,
                                 std::int64_t latest_id) {
  // Replayed in order: if the running sum reached the amount before the latest donation, the
  // pledge was fulfilled (and announced) then.
  Dong running = 0;
  for (const auto& d : donations) {
    running = platform::money::add(running, d.amount, "amount.dong");
    if (d.donation_id != latest_id && running >= pledge_amount) return std::nullopt;
  }
  if (running < pledge_amount) return std::nullopt;
  return running;
}

}  // namespace vnn::donation::rules
