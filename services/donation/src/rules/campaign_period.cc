#include "rules/campaign_period.h"

#include "vnn/platform/errors.h"

namespace vnn::donation::rules {

void require_within_campaign(const platform::Date& day, const CampaignPeriod& period,
                             const std::string& field) {
  if (period.contains(day)) return;
  throw platform::invalid_argument(
      field, "is outside the campaign's period " + period.starts.iso() + " – " + period.ends.iso(),
      "nằm ngoài thời gian của đợt vận động (" + period.starts.vietnamese() + " – " +
          period.ends.vietnamese() + ")");
}

}  // namespace vnn::donation::rules
