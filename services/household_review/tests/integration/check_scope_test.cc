// Checks see no further than the caller: CheckDuplicates answers from the households the caller
// may see (a citizen id registered in another commune is not revealed to it), and matches names
// in the hamlet of the unit it names only.

#include "household_fixture.h"

namespace vnn::testing {
namespace {

namespace v1 = household_review::v1;

using CheckScopeTest = HouseholdFixture;

TEST_F(CheckScopeTest, ADuplicateCheckMatchesOnlyHouseholdsTheCallerMaySee) {
  const auto id_number = citizen_id(1966);
  const auto phu_tuc = registered(household("CK-1", kPhuTuc, "Hồ Văn Thắng", 1966, id_number));

  auto check = [&](const std::string& bearer, const std::string& unit, const std::string& citizen) {
    v1::CheckDuplicatesRequest request;
    request.set_unit_code(unit);
    request.set_hamlet(hamlet_);  // the same hamlet name as the Phú Túc household's
    auto* p = request.add_persons();
    p->set_full_name("Hồ Văn Thắng");
    p->set_birth_year(1966);
    p->set_citizen_id(citizen);
    v1::CheckDuplicatesResponse out;
    const auto status = stub_->CheckDuplicates(client_context(bearer).get(), request, &out);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return out;
  };
  // Phú Túc itself and the district find it, by citizen id and by name.
  auto own = check(commune(kPhuTuc), kPhuTuc, id_number);
  ASSERT_EQ(own.matches_size(), 1);
  EXPECT_EQ(own.matches(0).household_id(), phu_tuc.id());
  EXPECT_EQ(own.matches(0).reason(), v1::DUPLICATE_REASON_CITIZEN_ID);
  EXPECT_EQ(check(district(), kPhuTuc, "").matches_size(), 1);  // by name in the hamlet

  // Định Quán (26206, the 2025 commune) and Phú Cường learn nothing of it: neither by the
  // citizen id nor by a name in a hamlet of the same name in their own commune.
  EXPECT_EQ(check(commune("26206"), "26206", id_number).matches_size(), 0);
  EXPECT_EQ(check(commune(kPhuCuong), kPhuCuong, id_number).matches_size(), 0);
  EXPECT_EQ(check(commune(kPhuCuong), kPhuCuong, "").matches_size(), 0);
  // The district checking for Phú Cường: the same name in Phú Túc's hamlet is another hamlet.
  EXPECT_EQ(check(district(), kPhuCuong, "").matches_size(), 0);
}

TEST_F(CheckScopeTest, EligibilityOfAHouseholdOutsideTheCallersUnitsLooksLikeAnUnknownOne) {
  const auto phu_tuc = registered(household("EL-1", kPhuTuc, "Bùi Văn Khoa", 1964)).id();
  auto ask = [&](const std::string& bearer, std::int64_t id) {
    v1::GetEligibilityRequest request;
    request.set_household_id(id);
    request.set_campaign_id(open_campaign_);
    v1::Eligibility facts;
    EXPECT_TRUE(stub_->GetEligibility(client_context(bearer).get(), request, &facts).ok());
    facts.clear_household_id();
    return facts.SerializeAsString();
  };
  const auto unknown = ask(commune(kPhuCuong), 987654321);
  EXPECT_EQ(ask(commune(kPhuCuong), phu_tuc), unknown);
  EXPECT_EQ(ask(bearer_for(Role::kIntegration), phu_tuc), unknown);  // a token without units
  EXPECT_NE(ask(commune(kPhuTuc), phu_tuc), unknown);
}

}  // namespace
}  // namespace vnn::testing
