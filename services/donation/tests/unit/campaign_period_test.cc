#include "rules/campaign_period.h"

#include <gtest/gtest.h>

#include "refusal.h"

namespace vnn::donation::rules {
namespace {

const CampaignPeriod kPeriod{{2024, 10, 17}, {2024, 11, 18}};

TEST(CampaignPeriodTest, IncludesBothEnds) {
  EXPECT_TRUE(kPeriod.contains({2024, 10, 17}));
  EXPECT_TRUE(kPeriod.contains({2024, 11, 18}));
  EXPECT_FALSE(kPeriod.contains({2024, 10, 16}));
  EXPECT_FALSE(kPeriod.contains({2024, 11, 19}));
}

TEST(CampaignPeriodTest, RefusesADayOutsideOnTheFieldGiven) {
  EXPECT_NO_THROW(require_within_campaign({2024, 11, 1}, kPeriod, "received_on"));
  EXPECT_TRUE(refuses_field(
      [] {
        require_within_campaign({2024, 12, 1}, kPeriod, "received_on");
      },
      "received_on"));
}

}  // namespace
}  // namespace vnn::donation::rules
