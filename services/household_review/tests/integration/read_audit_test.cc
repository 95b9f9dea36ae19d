// Reads of personal data leave a record (Decree 13/2023): who read which household's names,
// address or citizen ids in clear, when and through which method. Masked reads leave none.

#include "household_fixture.h"

namespace vnn::testing {
namespace {

namespace v1 = household_review::v1;

using ReadAuditTest = HouseholdFixture;

TEST_F(ReadAuditTest, AnOfficersReadsOfHouseholdsAreRecordedAMaskedReadIsNot) {
  const auto a = registered(household("RA-1", kPhuTuc, "Mai Văn Tâm", 1958)).id();
  const auto b = registered(household("RA-2", kPhuTuc, "Mai Thị Hạnh", 1960)).id();
  auto reads = [&](std::int64_t id, const std::string& method) {
    return scalar(
        "SELECT count(*) FROM personal_data_read WHERE record_kind = 'household' AND "
        "record_id = " +
        std::to_string(id) +
        " AND subject = 'cb-doc' AND role = 'district_office' AND "
        "method LIKE '%/" +
        method + "'");
  };
  const auto reader = bearer_for(Role::kDistrictOffice, {"736"}, {}, "cb-doc");

  v1::ListHouseholdsRequest list;
  list.set_hamlet(hamlet_);
  v1::ListHouseholdsResponse listed;
  ASSERT_TRUE(stub_->ListHouseholds(client_context(reader).get(), list, &listed).ok());
  ASSERT_EQ(listed.households_size(), 2);
  EXPECT_EQ(reads(a, "ListHouseholds"), "1");
  EXPECT_EQ(reads(b, "ListHouseholds"), "1");

  v1::GetHouseholdRequest get;
  get.set_id(a);
  v1::Household seen;
  ASSERT_TRUE(stub_->GetHousehold(client_context(reader).get(), get, &seen).ok());
  EXPECT_EQ(reads(a, "GetHousehold"), "1");
  EXPECT_EQ(reads(b, "GetHousehold"), "0");

  // A service asking for eligibility gets facts only: nothing is recorded for it. Nor is a read
  // that was refused.
  v1::GetEligibilityRequest ask;
  ask.set_household_id(b);
  v1::Eligibility facts;
  ASSERT_TRUE(
      stub_->GetEligibility(client_context(bearer_for(Role::kService)).get(), ask, &facts).ok());
  get.set_id(b);
  EXPECT_EQ(stub_->GetHousehold(client_context(commune(kPhuCuong)).get(), get, &seen).error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(scalar("SELECT count(*) FROM personal_data_read WHERE record_kind = 'household' AND "
                   "record_id = " +
                   std::to_string(b) + " AND method NOT LIKE '%/ListHouseholds'"),
            "0");
}

}  // namespace
}  // namespace vnn::testing
