// A campaign changed in the donation service (a deadline moved) reaches household review as an
// event, and submissions are judged by the new deadline.

#include <thread>

#include "household_fixture.h"

namespace vnn::testing {
namespace {

namespace hv1 = household_review::v1;
namespace dv1 = donation::v1;

using CampaignChangeTest = HouseholdFixture;

TEST_F(CampaignChangeTest, MovedDeadlineReachesHouseholdReview) {
  dv1::GetCampaignRequest get;
  get.set_id(closed_campaign_);
  dv1::Campaign campaign;
  ASSERT_TRUE(donations_->GetCampaign(client_context(district()).get(), get, &campaign).ok());
  auto* due = campaign.mutable_milestones(0)->mutable_due_on();
  due->set_year(campaign.ends_on().year());
  due->set_month(campaign.ends_on().month());
  due->set_day(campaign.ends_on().day());

  dv1::UpdateCampaignRequest update;
  update.set_request_id(request_id("update"));
  *update.mutable_campaign() = campaign;
  dv1::Campaign changed;
  // The reason is required; the organising unit and start cannot move; no fund leaves.
  auto context = client_context(district());
  EXPECT_EQ(donations_->UpdateCampaign(context.get(), update, &changed).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(error_field(*context), "reason");
  update.set_reason("Quyết định của Ban Thường trực: gia hạn nộp danh sách");
  auto moved = update;
  moved.set_request_id(request_id("update"));
  moved.mutable_campaign()->mutable_starts_on()->set_day(4);
  context = client_context(district());
  EXPECT_EQ(donations_->UpdateCampaign(context.get(), moved, &changed).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(error_field(*context), "campaign.starts_on");
  auto without_fund = update;
  without_fund.set_request_id(request_id("update"));
  without_fund.mutable_campaign()->clear_fund_ids();
  without_fund.mutable_campaign()->add_fund_ids("fund-236-" + suffix_);
  context = client_context(district());
  EXPECT_EQ(donations_->UpdateCampaign(context.get(), without_fund, &changed).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(error_field(*context), "campaign.fund_ids");
  EXPECT_EQ(
      donations_->UpdateCampaign(client_context(commune()).get(), update, &changed).error_code(),
      grpc::StatusCode::PERMISSION_DENIED);

  ASSERT_TRUE(donations_->UpdateCampaign(client_context(district()).get(), update, &changed).ok());
  EXPECT_EQ(changed.milestones(0).due_on().year(), campaign.ends_on().year());
  EXPECT_EQ(schema_scalar("donation",
                          "SELECT version FROM campaign WHERE id = '" + closed_campaign_ + "'"),
            "2");
  EXPECT_EQ(schema_scalar("donation", "SELECT reason FROM campaign_change WHERE campaign_id = '" +
                                          closed_campaign_ + "'"),
            update.reason());

  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  const std::string expected = std::to_string(campaign.ends_on().year()) + "-";
  while (
      scalar("SELECT household_lists_due::text FROM campaign WHERE id = '" + closed_campaign_ + "'")
          .rfind(expected, 0) != 0) {
    ASSERT_LT(std::chrono::steady_clock::now(), until) << "campaign.changed did not arrive";
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  const auto h = registered(household("CC-1", kPhuTuc, "Thái Văn Hòa", 1961));
  EXPECT_FALSE(submit(closed_campaign_, kPhuTuc, {h.id()}).late());
}

}  // namespace
}  // namespace vnn::testing
