// Commendation: donors and mobilisers of a campaign ranked by amount (ties by count, then name)
// for the district and for a commune, as officers of each see them.

#include "reporting_fixture.h"

namespace vnn::testing {
namespace {

namespace dv1 = donation::v1;
namespace rv1 = reporting::v1;

class CommendationTest : public ReportingFixture {
 protected:
  // A cash donation by a named donor (the phone finds the same donor again), or an anonymous one
  // when `name` is empty; fails the test on error.
  std::int64_t give(const std::string& fund_id, const std::string& name, dv1::DonorKind kind,
                    const std::string& phone, std::int64_t dong,
                    const std::string& mobiliser = {}) {
    dv1::RecordDonationRequest r;
    r.set_request_id(request_id("gift"));
    r.set_campaign_id(campaign_);
    r.set_fund_id(fund_id);
    r.mutable_donor()->set_kind(kind);
    r.mutable_donor()->set_name(name);
    r.mutable_donor()->set_phone(phone);
    r.set_channel(dv1::CHANNEL_CASH);
    r.mutable_amount()->set_dong(dong);
    r.set_mobiliser_id(mobiliser);
    r.mutable_received_on()->set_year(2024);
    r.mutable_received_on()->set_month(3);
    r.mutable_received_on()->set_day(5);
    dv1::Donation out;
    const auto status = donations_->RecordDonation(client_context(district()).get(), r, &out);
    EXPECT_TRUE(status.ok()) << "gift of " << name << ": " << status.error_message();
    return out.id();
  }

  std::string mobiliser(const std::string& name, dv1::MobiliserKind kind, const std::string& unit) {
    dv1::CreateMobiliserRequest r;
    r.set_request_id(request_id("mobiliser"));
    auto* m = r.mutable_mobiliser();
    m->set_id("VD-" + suffix_ + "-" + std::to_string(++mobilisers_));
    m->set_kind(kind);
    m->set_name(name);
    m->set_unit_code(unit);
    dv1::Mobiliser out;
    const auto status = donations_->CreateMobiliser(client_context(district()).get(), r, &out);
    EXPECT_TRUE(status.ok()) << "mobiliser " << name << ": " << status.error_message();
    return m->id();
  }

  grpc::Status commendation(const std::string& unit, rv1::CommendationKind kind, int limit,
                            rv1::Commendation* out, const std::string& bearer) const {
    rv1::GetCommendationRequest r;
    r.set_campaign_id(campaign_);
    r.set_unit_code(unit);
    r.set_kind(kind);
    r.set_limit(limit);
    return reporting_->GetCommendation(client_context(bearer).get(), r, out);
  }

  int mobilisers_ = 0;
};

struct Expected {
  std::string name;
  std::int64_t count;
  std::int64_t amount;
  std::string unit;
};

void expect_entries(const rv1::Commendation& c, const std::vector<Expected>& expected) {
  ASSERT_EQ(c.entries_size(), static_cast<int>(expected.size())) << c.ShortDebugString();
  for (int i = 0; i < c.entries_size(); ++i) {
    const auto& e = c.entries(i);
    EXPECT_EQ(e.rank(), i + 1);
    EXPECT_EQ(e.name(), expected[i].name) << "rank " << i + 1;
    EXPECT_EQ(e.count(), expected[i].count) << e.name();
    EXPECT_EQ(e.amount().dong(), expected[i].amount) << e.name();
    EXPECT_EQ(e.unit_code(), expected[i].unit) << e.name();
    EXPECT_FALSE(e.id().empty());
    EXPECT_FALSE(e.kind().empty());
  }
}

TEST_F(CommendationTest, DonorsAndMobilisersRankedByAmount) {
  const auto hoi_phu_nu = mobiliser("Hội Liên hiệp Phụ nữ xã Phú Túc",
                                    dv1::MOBILISER_KIND_MEMBER_ORGANISATION, kPhuTuc);
  const auto kho_bac =
      mobiliser("Kho bạc Nhà nước huyện Định Quán", dv1::MOBILISER_KIND_AGENCY, kDistrict);
  // Bích gives twice in Phú Túc (5,000,000), the company once in Phú Cường (5,000,000: same
  // amount, fewer gifts), An 9,000,000 to the district fund; the anonymous donor gives the most
  // and is not ranked; Cường's gift is reversed, leaving him nothing to be ranked for.
  give(commune_fund(), "Trần Thị Bích", dv1::DONOR_KIND_INDIVIDUAL, "0912000111", 3'000'000,
       hoi_phu_nu);
  give(commune_fund(), "Trần Thị Bích", dv1::DONOR_KIND_INDIVIDUAL, "0912000111", 2'000'000,
       hoi_phu_nu);
  give(commune_fund(kPhuCuong), "Công ty TNHH Hưng Thịnh", dv1::DONOR_KIND_BUSINESS, "0903000222",
       5'000'000, kho_bac);
  give(district_fund(), "Nguyễn Văn An", dv1::DONOR_KIND_INDIVIDUAL, "0988000333", 9'000'000);
  give(district_fund(), "", dv1::DONOR_KIND_ANONYMOUS, "", 20'000'000);
  const auto reversed = give(commune_fund(kPhuCuong), "Lê Văn Cường", dv1::DONOR_KIND_INDIVIDUAL,
                             "0977000444", 50'000'000, kho_bac);
  ASSERT_GT(reversed, 0);
  ASSERT_TRUE(reverse(reversed).ok());
  wait_for_progress({}, kDistrict, [](const Progress& p) {
    return p.total().received().cash().dong() == 39'000'000 && p.total().received().count() == 5;
  });

  rv1::Commendation donors;
  ASSERT_TRUE(commendation({}, rv1::COMMENDATION_KIND_DONORS, 0, &donors, district_bearer()).ok());
  EXPECT_EQ(donors.campaign_id(), campaign_);
  EXPECT_EQ(donors.unit_code(), kDistrict);
  EXPECT_EQ(donors.kind(), rv1::COMMENDATION_KIND_DONORS);
  expect_entries(donors, {{"Nguyễn Văn An", 1, 9'000'000, kDistrict},
                          {"Trần Thị Bích", 2, 5'000'000, kPhuTuc},
                          {"Công ty TNHH Hưng Thịnh", 1, 5'000'000, kPhuCuong}});
  EXPECT_EQ(donors.entries(0).kind(), "Cá nhân");
  EXPECT_EQ(donors.entries(2).kind(), "Doanh nghiệp");
  EXPECT_GT(donors.freshness().events_applied(), 0);

  // The limit keeps the first; a commune officer sees the commune's donors only.
  ASSERT_TRUE(commendation({}, rv1::COMMENDATION_KIND_DONORS, 1, &donors, auditor_bearer()).ok());
  expect_entries(donors, {{"Nguyễn Văn An", 1, 9'000'000, kDistrict}});
  ASSERT_TRUE(
      commendation(kPhuTuc, rv1::COMMENDATION_KIND_DONORS, 0, &donors, commune_bearer()).ok());
  expect_entries(donors, {{"Trần Thị Bích", 2, 5'000'000, kPhuTuc}});

  rv1::Commendation mobilisers;
  ASSERT_TRUE(
      commendation({}, rv1::COMMENDATION_KIND_MOBILISERS, 0, &mobilisers, district_bearer()).ok());
  EXPECT_EQ(mobilisers.kind(), rv1::COMMENDATION_KIND_MOBILISERS);
  expect_entries(mobilisers, {{"Hội Liên hiệp Phụ nữ xã Phú Túc", 2, 5'000'000, kPhuTuc},
                              {"Kho bạc Nhà nước huyện Định Quán", 1, 5'000'000, kDistrict}});
  EXPECT_EQ(mobilisers.entries(0).id(), hoi_phu_nu);
  EXPECT_EQ(mobilisers.entries(0).kind(), "Tổ chức thành viên");
  EXPECT_EQ(mobilisers.entries(1).kind(), "Cơ quan, đơn vị");

  // Outside the caller's units, a negative limit, the public role: refused.
  rv1::Commendation refused;
  EXPECT_EQ(commendation(kDistrict, rv1::COMMENDATION_KIND_DONORS, 0, &refused, commune_bearer())
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(commendation(kPhuCuong, rv1::COMMENDATION_KIND_DONORS, 0, &refused, commune_bearer())
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(
      commendation({}, rv1::COMMENDATION_KIND_DONORS, -1, &refused, district_bearer()).error_code(),
      grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(
      commendation({}, rv1::COMMENDATION_KIND_DONORS, 0, &refused, public_bearer()).error_code(),
      grpc::StatusCode::PERMISSION_DENIED);
}

}  // namespace
}  // namespace vnn::testing
