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
  // Asked by one officer, approved by another (maker–checker).
  dv1::RequestReversalRequest reverse;
  reverse.set_request_id(request_id("reverse"));
  reverse.set_donation_id(second.id());
  reverse.set_reason("Nhà tài trợ chuyển sang hỗ trợ hộ khác");
  dv1::ReversalRequest pending;
  ASSERT_TRUE(
      donations_->RequestReversal(client_context(district()).get(), reverse, &pending).ok());
  dv1::DecideReversalRequest approve;
  approve.set_request_id(request_id("approve"));
  approve.set_reversal_request_id(pending.id());
  approve.set_approve(true);
  dv1::ReversalRequest approved;
  ASSERT_TRUE(
      donations_->DecideReversal(client_context(district("pho-chu-tich")).get(), approve, &approved)
          .ok());
  EXPECT_EQ(coverage_with(0).overlaps_size(), 0);
}

// The live finding: Định Quán town recorded direct support for a Phú Túc household. An officer
// gives direct support only to households of units it acts for, on the gift's date; for any
// other household the answer is the one an unknown household id gets (AIP-211).
TEST_F(DirectSupportTest, AnOfficerSupportsOnlyHouseholdsOfUnitsItActsFor) {
  constexpr const char* kTown = "26206";  // Thị trấn Định Quán, beside Phú Túc
  const std::string town_fund = "fund-26206-" + suffix_;
  {
    dv1::CreateFundRequest request;
    request.set_request_id("fund-" + town_fund);
    request.set_id(town_fund);
    request.set_unit_code(kTown);
    request.mutable_unit_valid_on()->set_year(2024);
    request.mutable_unit_valid_on()->set_month(2);
    request.mutable_unit_valid_on()->set_day(3);
    request.set_name("Quỹ \"Vì người nghèo\" thị trấn Định Quán");
    dv1::Fund out;
    auto status = donations_->CreateFund(client_context(district()).get(), request, &out);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }
  const std::string town_campaign = "town-" + suffix_;
  {
    dv1::CreateCampaignRequest request;
    request.set_request_id("campaign-" + town_campaign);
    auto* c = request.mutable_campaign();
    c->set_id(town_campaign);
    c->set_name("Đợt vận động thị trấn Định Quán");
    c->set_unit_code(kTown);
    c->mutable_starts_on()->set_year(2024);
    c->mutable_starts_on()->set_month(2);
    c->mutable_starts_on()->set_day(3);
    c->mutable_ends_on()->set_year(2024);
    c->mutable_ends_on()->set_month(5);
    c->mutable_ends_on()->set_day(19);
    c->add_fund_ids(town_fund);
    dv1::Campaign out;
    auto status = donations_->CreateCampaign(client_context(district()).get(), request, &out);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }
  const auto phu_tuc = registered(household("G-PT", kPhuTuc, "Châu Văn Tiến", 1957));
  const auto town = registered(household("G-TT", kTown, "Lò Thị Mai", 1962));
  const std::string town_officer = commune(kTown);
  auto town_gift = [&](std::int64_t household_id) {
    auto r = gift(household_id, 3'000'000);
    r.set_campaign_id(town_campaign);
    r.set_fund_id(town_fund);
    return r;
  };

  // Another commune's household: refused exactly as an id nobody registered.
  auto context = client_context(town_officer);
  dv1::Donation out;
  auto other = donations_->RecordDonation(context.get(), town_gift(phu_tuc.id()), &out);
  EXPECT_EQ(other.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << other.error_message();
  EXPECT_EQ(error_field(*context), "household_id");
  auto unknown_context = client_context(town_officer);
  auto unknown =
      donations_->RecordDonation(unknown_context.get(), town_gift(phu_tuc.id() + 1'000'000), &out);
  EXPECT_EQ(unknown.error_code(), other.error_code());
  EXPECT_EQ(unknown.error_message(), other.error_message());
  EXPECT_EQ(schema_scalar("donation", "SELECT count(*) FROM donation WHERE household_id = " +
                                          std::to_string(phu_tuc.id())),
            "0");

  // Its own household, and the district for any household below it.
  auto own =
      donations_->RecordDonation(client_context(town_officer).get(), town_gift(town.id()), &out);
  EXPECT_TRUE(own.ok()) << own.error_message();
  auto district_gift = donations_->RecordDonation(client_context(district()).get(),
                                                  gift(phu_tuc.id(), 1'000'000), &out);
  EXPECT_TRUE(district_gift.ok()) << district_gift.error_message();
}

// Direct support never reaches the fund, so it takes no number from the fund's receipt book:
// the fund's receipts stay gapless for the money it did receive. The gift gets a confirmation
// reference of its own and still counts in the campaign's results.
TEST_F(DirectSupportTest, TakesNoReceiptNumberButAConfirmationReferenceOfItsOwn) {
  const auto h = registered(household("G-R", kPhuTuc, "Hà Văn Sơn", 1960));
  auto cash = [&](std::int64_t dong) {
    auto r = gift(h.id(), dong);
    r.set_channel(dv1::CHANNEL_CASH);
    r.clear_household_id();
    r.clear_support_need();
    r.mutable_donor()->set_kind(dv1::DONOR_KIND_INDIVIDUAL);
    r.mutable_donor()->set_name("Nguyễn Văn Bình");
    dv1::Donation out;
    auto status = donations_->RecordDonation(client_context(district()).get(), r, &out);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return out;
  };
  const auto first = cash(100'000);
  ASSERT_EQ(first.receipt().number(), 1);

  dv1::Donation direct;
  auto status = donations_->RecordDonation(client_context(district()).get(),
                                           gift(h.id(), 7'000'000), &direct);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_FALSE(direct.has_receipt()) << direct.receipt().ShortDebugString();
  EXPECT_TRUE(direct.confirmation_reference().starts_with("HTTT-2024-"))
      << direct.confirmation_reference();
  dv1::Donation again;
  ASSERT_TRUE(
      donations_->RecordDonation(client_context(district()).get(), gift(h.id(), 1'000'000), &again)
          .ok());
  EXPECT_NE(again.confirmation_reference(), direct.confirmation_reference());
  // Read back, the reference is the same.
  dv1::GetDonationRequest get;
  get.set_id(direct.id());
  dv1::Donation read;
  ASSERT_TRUE(donations_->GetDonation(client_context(district()).get(), get, &read).ok());
  EXPECT_EQ(read.confirmation_reference(), direct.confirmation_reference());
  EXPECT_FALSE(read.has_receipt());

  // The next money into the fund takes the next receipt number: no gap.
  EXPECT_EQ(cash(200'000).receipt().number(), 2);
  EXPECT_EQ(schema_scalar("donation", "SELECT last_number FROM receipt_counter WHERE fund_id = '" +
                                          fund_ + "' AND year = 2024"),
            "2");

  dv1::GetCampaignTotalsRequest totals_request;
  totals_request.set_campaign_id(open_campaign_);
  dv1::CampaignTotals totals;
  ASSERT_TRUE(
      donations_->GetCampaignTotals(client_context(district()).get(), totals_request, &totals)
          .ok());
  EXPECT_EQ(totals.total().dong(), 300'000);
  EXPECT_EQ(totals.direct_to_households().dong(), 8'000'000);
  EXPECT_EQ(totals.results().dong(), 8'300'000);
}

}  // namespace
}  // namespace vnn::testing
