// The reporting service in the stack: a donation and an approved support, made in the services
// that own them, reach its read models as events and show in GetCampaignProgress for the commune
// and for the district above it.

#include "reporting_fixture.h"

namespace vnn::testing {
namespace {

namespace av1 = allocation::v1;
namespace rv1 = reporting::v1;

class ReportingSmokeTest : public ReportingFixture {};

TEST_F(ReportingSmokeTest, DonationAndApprovedSupportShowInProgress) {
  constexpr std::int64_t kDonated = 50'000'000;
  constexpr std::int64_t kSupport = 800'000;
  const auto donation = donate(commune_fund(), kDonated);
  ASSERT_GT(donation.id(), 0);
  wait_for_net_received(commune_fund(), kDonated);
  const auto household = approved_household(kPhuTuc);
  ASSERT_GT(household, 0);
  const auto support =
      approved_support(household, av1::SUPPORT_KIND_FOOD_AND_GIFTS, commune_fund(), kSupport);
  ASSERT_GT(support.id(), 0);

  const auto caught_up = [&](const rv1::CampaignProgress& p) {
    return p.total().received().cash().dong() == kDonated &&
           p.total().supports().approved().dong() == kSupport;
  };
  const auto commune = wait_for_progress({}, kPhuTuc, caught_up, "Phú Túc's progress");
  EXPECT_EQ(commune.campaign_id(), campaign_);
  EXPECT_EQ(commune.unit_code(), kPhuTuc);
  EXPECT_EQ(commune.total().received().count(), 1);
  EXPECT_GE(commune.freshness().events_applied(), 1);

  const auto district = wait_for_progress({}, kDistrict, caught_up, "Định Quán's progress");
  EXPECT_EQ(district.unit_code(), kDistrict);
  bool phu_tuc_listed = false;
  for (const auto& unit : district.units()) {
    if (unit.unit_code() != kPhuTuc) continue;
    phu_tuc_listed = true;
    EXPECT_EQ(unit.received().cash().dong(), kDonated);
    EXPECT_EQ(unit.supports().approved().dong(), kSupport);
  }
  EXPECT_TRUE(phu_tuc_listed) << district.ShortDebugString();
}

}  // namespace
}  // namespace vnn::testing
