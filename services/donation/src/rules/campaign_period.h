#pragma once
// A donation, a pledge or a payroll list is dated inside its campaign's period, both ends
// included.

#include <string>

#include "vnn/platform/date.h"

namespace vnn::donation::rules {

struct CampaignPeriod {
  platform::Date starts;
  platform::Date ends;

  bool contains(const platform::Date& day) const { return !(day < starts) && !(ends < day); }
};

// INVALID_ARGUMENT on `field` for a day outside `period`.
void require_within_campaign(const platform::Date& day, const CampaignPeriod& period,
                             const std::string& field);

}  // namespace vnn::donation::rules
