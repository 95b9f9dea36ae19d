// Objects a caller names are checked against its units: a campaign takes in only funds its
// creator may act for, and a fund it may not see is answered as an unknown one (AIP-211).

#include "donation_fixture.h"

namespace vnn::testing {
namespace {

namespace v1 = donation::v1;

using ObjectScopeTest = DonationFixture;

TEST_F(ObjectScopeTest, ACampaignTakesInNoFundOutsideItsCreatorsUnits) {
  // A district office acting for Phú Cường only names Phú Túc's fund, and an unknown one.
  const auto phu_cuong_office = token(Role::kDistrictOffice, {"26236"});
  auto create = [&](const std::string& fund, std::string* message) {
    v1::CreateCampaignRequest request;
    request.set_request_id("campaign-of-" + fund + "-" + suffix_);
    auto* c = request.mutable_campaign();
    c->set_id("dot-phu-cuong-" + fund + "-" + suffix_);
    c->set_name("Đợt vận động xã Phú Cường");
    c->set_unit_code("26236");
    c->mutable_starts_on()->set_year(2024);
    c->mutable_starts_on()->set_month(2);
    c->mutable_starts_on()->set_day(3);
    c->mutable_ends_on()->set_year(2024);
    c->mutable_ends_on()->set_month(5);
    c->mutable_ends_on()->set_day(19);
    c->add_fund_ids(fund);
    v1::Campaign out;
    auto context = as(phu_cuong_office);
    const auto status = stub_->CreateCampaign(context.get(), request, &out);
    *message = status.error_message();
    return std::pair{status.error_code(), field_of(*context)};
  };
  std::string foreign_message, unknown_message;
  const auto foreign = create(commune_fund_, &foreign_message);
  const auto unknown = create("fund-none-" + suffix_, &unknown_message);
  EXPECT_EQ(foreign.first, grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(foreign.second, "campaign.fund_ids[0]");
  // The same answer as for a fund that does not exist.
  EXPECT_EQ(foreign, unknown);
  EXPECT_EQ(foreign_message, unknown_message);
  EXPECT_EQ(scalar("SELECT count(*) FROM campaign_fund WHERE fund_id = '" + commune_fund_ +
                   "' AND campaign_id <> '" + campaign_ + "'"),
            "0");
}

}  // namespace
}  // namespace vnn::testing
