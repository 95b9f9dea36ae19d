#include "rules/pledges.h"

#include <gtest/gtest.h>

#include <limits>

#include "refusal.h"

namespace vnn::donation::rules {
namespace {

constexpr Dong kMax = 10'000'000'000;
const CampaignPeriod kPeriod{{2024, 1, 1}, {2024, 12, 31}};

PledgeShape pledge() {
  return {.amount = 5'000'000, .pledged_on = {2024, 3, 1}, .due_on = platform::Date{2024, 6, 30}};
}

TEST(PledgeShapeTest, AcceptsAPledgeWithOrWithoutADueDate) {
  EXPECT_NO_THROW(check_pledge_shape(pledge(), kMax));
  auto open_ended = pledge();
  open_ended.due_on.reset();
  EXPECT_NO_THROW(check_pledge_shape(open_ended, kMax));
}

TEST(PledgeShapeTest, RefusesAnAmountNotPositiveOrAboveTheCeiling) {
  auto p = pledge();
  p.amount = 0;
  EXPECT_TRUE(refuses_field([&] { check_pledge_shape(p, kMax); }, "amount.dong"));
  p.amount = kMax + 1;
  EXPECT_TRUE(refuses_field([&] { check_pledge_shape(p, kMax); }, "amount.dong"));
}

TEST(PledgeShapeTest, RefusesAMissingPledgeDate) {
  auto p = pledge();
  p.pledged_on = {};
  EXPECT_TRUE(refuses_field([&] { check_pledge_shape(p, kMax); }, "pledged_on"));
}

TEST(PledgeShapeTest, RefusesADueDateNotOnTheCalendarOrBeforeThePledge) {
  auto p = pledge();
  p.due_on = platform::Date{2024, 2, 30};
  EXPECT_TRUE(refuses_field([&] { check_pledge_shape(p, kMax); }, "due_on"));
  p.due_on = platform::Date{2024, 2, 29};
  EXPECT_TRUE(refuses_field([&] { check_pledge_shape(p, kMax); }, "due_on"));
}

TEST(PledgeShapeTest, RefusesANoteTooLong) {
  auto p = pledge();
  p.note = std::string(kMaxPledgeNote + 1, 'n');
  EXPECT_TRUE(refuses_field([&] { check_pledge_shape(p, kMax); }, "note"));
}

TEST(PledgeInCampaign, IsPledgedInsideThePeriodAndDueByItsEnd) {
  EXPECT_NO_THROW(require_pledge_in_campaign(pledge(), kPeriod));
  auto p = pledge();
  p.pledged_on = {2025, 1, 1};
  p.due_on.reset();
  EXPECT_TRUE(refuses_field([&] { require_pledge_in_campaign(p, kPeriod); }, "pledged_on"));
  p = pledge();
  p.due_on = platform::Date{2025, 1, 1};
  EXPECT_TRUE(refuses_field([&] { require_pledge_in_campaign(p, kPeriod); }, "due_on"));
  p.due_on = kPeriod.ends;
  EXPECT_NO_THROW(require_pledge_in_campaign(p, kPeriod));
}

TEST(PledgeStatusTest, FollowsWhatWasGiven) {
  EXPECT_EQ(pledge_status(1000, 0), PledgeStatus::kOpen);
  EXPECT_EQ(pledge_status(1000, 1), PledgeStatus::kPartlyFulfilled);
  EXPECT_EQ(pledge_status(1000, 999), PledgeStatus::kPartlyFulfilled);
  EXPECT_EQ(pledge_status(1000, 1000), PledgeStatus::kFulfilled);
  EXPECT_EQ(pledge_status(1000, 1500), PledgeStatus::kFulfilled);
}

const PledgeFacts kPledge{.id = 9,
                          .campaign_id = "dot-2024",
                          .fund_id = "fund-736",
                          .amount = 1000,
                          .pledged_on = {2024, 3, 1}};

TEST(DonationForPledge, IsToThePledgesCampaignAndFundAndNotBeforeIt) {
  EXPECT_NO_THROW(require_donation_fits_pledge(kPledge, "dot-2024", "fund-736", {2024, 3, 1}));
  EXPECT_TRUE(refuses_field(
      [] {
        require_donation_fits_pledge(kPledge, "dot-2024", "fund-26242", {2024, 3, 2});
      },
      "pledge_id"));
  EXPECT_TRUE(refuses_field(
      [] {
        require_donation_fits_pledge(kPledge, "dot-2025", "fund-736", {2024, 3, 2});
      },
      "pledge_id"));
  EXPECT_TRUE(refuses_field(
      [] {
        require_donation_fits_pledge(kPledge, "dot-2024", "fund-736", {2024, 2, 29});
      },
      "received_on"));
}

TEST(PledgeFulfilment, IsAnnouncedWithTheDonationThatReachesTheAmount) {
  EXPECT_FALSE(fulfilled_by(1000, {{1, 400}}, 1));
  EXPECT_EQ(fulfilled_by(1000, {{1, 400}, {2, 600}}, 2), 1000);
  EXPECT_EQ(fulfilled_by(1000, {{1, 400}, {2, 700}}, 2), 1100);
}

TEST(PledgeFulfilment, IsAnnouncedOnceEvenWhenMoreIsGiven) {
  EXPECT_FALSE(fulfilled_by(1000, {{1, 1000}, {2, 100}}, 2));
}

TEST(PledgeFulfilment, IsNotAnnouncedAgainAfterAReversalTookItBelowTheAmount) {
  // The reversal (-1000) and a new donation: the running sum reached the amount with donation
  // 1, so it was announced then.
  EXPECT_FALSE(fulfilled_by(1000, {{1, 1000}, {2, -1000}, {3, 1000}}, 3));
}

TEST(PledgeFulfilment, RefusesASumThatDoesNotFit) {
  const Dong huge = std::numeric_limits<Dong>::max();
  EXPECT_TRUE(refuses_field([&] { fulfilled_by(huge, {{1, huge}, {2, huge}}, 1); }, "amount.dong"));
}

}  // namespace
}  // namespace vnn::donation::rules
