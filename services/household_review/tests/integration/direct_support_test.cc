// Support given directly to a named household: recorded by the donation service only for a
// household that household review knows, counted in the campaign's results but never in a
// fund, and seen by household review's coverage report when one need is met twice.

#include <thread>

#include "household_fixture.h"

namespace vnn::testing {
namespace {

namespace hv1 = household_review::v1;
namespace dv1 = donation::v1;

class DirectSupportTest : public HouseholdFixture {
 protected:
  dv1::RecordDonationRequest gift(std::int64_t household_id, std::int64_t dong) {
    dv1::RecordDonationRequest r;
    r.set_request_id(request_id("gift"));
    r.set_campaign_id(open_campaign_);
    r.set_fund_id(fund_);
    r.mutable_donor()->set_kind(dv1::DONOR_KIND_BUSINESS);
    r.mutable_donor()->set_name("Công ty TNHH Xây dựng Phú Túc");
    r.set_channel(dv1::CHANNEL_DIRECT_TO_HOUSEHOLD);
    r.mutable_amount()->set_dong(dong);
    // In the district's lifetime: the fund's unit (736) ended with the 2025 merger.
    r.mutable_received_on()->set_year(2024);
    r.mutable_received_on()->set_month(3);
    r.mutable_received_on()->set_day(1);
    r.set_household_id(household_id);
    r.set_support_need("housing");
    return r;
  }

  hv1::Coverage coverage() {
    hv1::GetCoverageRequest request;
    request.set_campaign_id(open_campaign_);
    request.set_unit_code("736");
    hv1::Coverage out;
    auto status = stub_->GetCoverage(client_context(district()).get(), request, &out);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return out;
  }

  // Events take a moment: waits until the coverage report shows `overlaps` overlaps.
  hv1::Coverage coverage_with(int overlaps) {
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    for (;;) {
      auto out = coverage();
      if (out.overlaps_size() == overlaps || std::chrono::steady_clock::now() > until) return out;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
};

TEST_F(DirectSupportTest, UnknownHouseholdIsRefused) {
  auto context = client_context(district());
  dv1::Donation out;
  auto status = donations_->RecordDonation(context.get(), gift(987654321, 5'000'000), &out);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << status.error_message();
  EXPECT_EQ(error_field(*context), "household_id");
  auto no_household = gift(0, 5'000'000);
  context = client_context(district());
  EXPECT_EQ(donations_->RecordDonation(context.get(), no_household, &out).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(error_field(*context), "household_id");
  auto bad_need = gift(1, 5'000'000);
  bad_need.set_support_need("luxury");
  context = client_context(district());
  EXPECT_EQ(donations_->RecordDonation(context.get(), bad_need, &out).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(error_field(*context), "support_need");
  EXPECT_EQ(
      schema_scalar("donation", "SELECT count(*) FROM donation WHERE fund_id = '" + fund_ + "'"),
      "0");
}

TEST_F(DirectSupportTest, CountsInResultsNotInTheFundAndOverlapsShowInCoverage) {
  const auto h = registered(household("G-1", kPhuTuc, "Châu Văn Tiến", 1957));
  dv1::Donation first;
  auto status = donations_->RecordDonation(client_context(district()).get(),
                                           gift(h.id(), 40'000'000), &first);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(first.household_id(), h.id());
  EXPECT_EQ(first.channel(), dv1::CHANNEL_DIRECT_TO_HOUSEHOLD);

  dv1::GetCampaignTotalsRequest totals_request;
  totals_request.set_campaign_id(open_campaign_);
  dv1::CampaignTotals totals;
  ASSERT_TRUE(
      donations_->GetCampaignTotals(client_context(district()).get(), totals_request, &totals)
          .ok());
  EXPECT_EQ(totals.total().dong(), 0);  // nothing came into the fund
  EXPECT_EQ(totals.direct_to_households().dong(), 40'000'000);
  EXPECT_EQ(totals.results().dong(), 40'000'000);

  // A second sponsor for the same house: household review sees the need met twice.
  EXPECT_EQ(coverage().overlaps_size(), 0);
  dv1::Donation second;
  ASSERT_TRUE(
      donations_
          ->RecordDonation(client_context(district()).get(), gift(h.id(), 20'000'000), &second)
          .ok());
  auto report = coverage_with(1);
  ASSERT_EQ(report.overlaps_size(), 1);
  EXPECT_EQ(report.overlaps(0).household_id(), h.id());
  EXPECT_EQ(report.overlaps(0).need(), "housing");
  EXPECT_EQ(report.overlaps(0).references_size(), 2);

  // Reversing one gift ends the overlap.
  dv1::ReverseDonationRequest reverse;
  reverse.set_request_id(request_id("reverse"));
  reverse.set_donation_id(second.id());
  reverse.set_reason("Nhà tài trợ chuyển sang hỗ trợ hộ khác");
  dv1::Donation reversal;
  ASSERT_TRUE(
      donations_->ReverseDonation(client_context(district()).get(), reverse, &reversal).ok());
  EXPECT_EQ(coverage_with(0).overlaps_size(), 0);
}

}  // namespace
}  // namespace vnn::testing
