// The registry: registration, bad input named by field, personal data by role, and that no
// citizen id is stored, published or logged in clear.

#include "household_fixture.h"
#include "vnn/common/v1/event.pb.h"
#include "vnn/platform/db/arrays.h"

namespace vnn::testing {
namespace {

namespace v1 = household_review::v1;

using RegistryTest = HouseholdFixture;

TEST_F(RegistryTest, RegistersAndShowsPersonalDataOnlyToRolesThatNeedIt) {
  const auto id_number = citizen_id(1968);
  auto h = household("DQ-001", kPhuTuc, "Nguyễn Văn Ánh", 1968, id_number);
  auto* wife = h.add_members();
  wife->set_full_name("Trần Thị Bình");
  wife->set_birth_year(1972);
  wife->set_relation("vợ");
  h.set_meritorious_member(true);
  const auto created = registered(h);
  ASSERT_GT(created.id(), 0);
  EXPECT_EQ(created.head().citizen_id(), id_number);  // the commune officer sees it in full
  EXPECT_EQ(created.head().relation(), "chủ hộ");
  ASSERT_EQ(created.members_size(), 1);

  auto get = [&](const std::string& bearer, v1::Household* out) {
    v1::GetHouseholdRequest request;
    request.set_id(created.id());
    return stub_->GetHousehold(client_context(bearer).get(), request, out);
  };
  v1::Household seen;
  ASSERT_TRUE(get(district(), &seen).ok());
  EXPECT_EQ(seen.head().full_name(), "Nguyễn Văn Ánh");
  EXPECT_EQ(seen.head().citizen_id(), id_number);
  EXPECT_EQ(seen.address(), "Tổ 3, " + h.hamlet());

  seen.Clear();
  ASSERT_TRUE(get(bearer_for(Role::kAuditor), &seen).ok());
  EXPECT_EQ(seen.head().full_name(), "Nguyễn Văn Ánh");
  EXPECT_EQ(seen.head().citizen_id(), id_number.substr(0, 3) + "*******" + id_number.substr(10));

  // Another commune does not know the household exists; a member organisation only once the
  // household is assigned to it; other services get no personal data at all.
  seen.Clear();
  EXPECT_EQ(get(commune(kPhuCuong), &seen).error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(get(bearer_for(Role::kMemberOrganisation, {"736"}, "hoi-nong-dan"), &seen).error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(get(bearer_for(Role::kService), &seen).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(get(bearer_for(Role::kPublic), &seen).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);

  // At rest: a keyed hash, a sealed value and a mask; never the digits.
  EXPECT_EQ(scalar("SELECT count(*) FROM person WHERE household_id = " +
                   std::to_string(created.id()) + " AND (position('" + id_number +
                   "' in encode(citizen_sealed, 'escape')) > 0 OR citizen_masked = '" + id_number +
                   "' OR encode(citizen_hash, 'escape') LIKE '%" + id_number + "%')"),
            "0");
  EXPECT_EQ(scalar("SELECT count(*) FROM household WHERE position('Tổ 3' in "
                   "encode(address_sealed, 'escape')) > 0"),
            "0");
  // The event: id, unit, flags and a masked name.
  const auto envelope_hex = scalar(
      "SELECT encode(envelope, 'hex') FROM outbox WHERE aggregate_type = 'household' AND "
      "aggregate_id = '" +
      std::to_string(created.id()) + "' AND subject LIKE '%.registered'");
  ASSERT_FALSE(envelope_hex.empty());
  common::v1::EventEnvelope envelope;
  ASSERT_TRUE(envelope.ParseFromString(platform::db::from_hex(envelope_hex)));
  v1::HouseholdRegistered event;
  ASSERT_TRUE(envelope.payload().UnpackTo(&event));
  EXPECT_EQ(event.masked_name(), "Nguyễn V. Á.");
  EXPECT_EQ(event.unit_code(), kPhuTuc);
  EXPECT_TRUE(event.flags().meritorious_member());
  EXPECT_EQ(envelope.SerializeAsString().find("Văn Ánh"), std::string::npos);
  EXPECT_EQ(scalar("SELECT count(*) FROM outbox WHERE position('" + id_number +
                   "' in encode(envelope, 'escape')) > 0"),
            "0");
  EXPECT_EQ(process_->log().find(id_number), std::string::npos);
}

TEST_F(RegistryTest, BadInputIsNamedByField) {
  struct Case {
    std::string name;
    std::function<void(v1::Household&)> change;
    std::string field;
    grpc::StatusCode code = grpc::StatusCode::INVALID_ARGUMENT;
  };
  const std::vector<Case> cases{
      {"malformed citizen id", [](auto& h) { h.mutable_head()->set_citizen_id("07507000123"); },
       "household.head.citizen_id"},
      {"unknown province code", [](auto& h) { h.mutable_head()->set_citizen_id("003070001234"); },
       "household.head.citizen_id"},
      {"citizen id of another birth year",
       [](auto& h) { h.mutable_head()->set_citizen_id("075085001234"); },
       "household.head.citizen_id"},
      {"impossible birth year", [](auto& h) { h.mutable_head()->set_birth_year(1850); },
       "household.head.birth_year"},
      {"future birth year", [](auto& h) { h.mutable_head()->set_birth_year(2999); },
       "household.head.birth_year"},
      {"empty name", [](auto& h) { h.mutable_head()->set_full_name("  "); },
       "household.head.full_name"},
      {"member without a name", [](auto& h) { h.add_members()->set_birth_year(2001); },
       "household.members[0].full_name"},
      {"no poverty status", [](auto& h) { h.clear_poverty_status(); }, "household.poverty_status"},
      {"unknown standard", [](auto& h) { h.set_poverty_standard("2011-2015"); },
       "household.poverty_standard"},
      {"year outside the standard", [](auto& h) { h.set_classified_year(2019); },
       "household.classified_year"},
      {"no housing", [](auto& h) { h.clear_housing(); }, "household.housing"},
      {"unknown unit", [](auto& h) { h.set_unit_code("99999"); }, "household.unit_code"},
      {"a district is not a commune", [](auto& h) { h.set_unit_code("736"); },
       "household.unit_code", grpc::StatusCode::PERMISSION_DENIED},
      {"unit outside the caller's scope", [](auto& h) { h.set_unit_code(kPhuCuong); }, "",
       grpc::StatusCode::PERMISSION_DENIED},
  };
  for (const auto& c : cases) {
    auto h = household("BAD-" + std::to_string(&c - cases.data()), kPhuTuc, "Lê Văn Tám", 1970,
                       citizen_id(1970));
    c.change(h);
    auto context = client_context(commune(kPhuTuc));
    v1::Household out;
    auto status = register_household(h, &out, "", context.get());
    EXPECT_EQ(status.error_code(), c.code) << c.name << ": " << status.error_message();
    if (c.code == grpc::StatusCode::INVALID_ARGUMENT) {
      EXPECT_EQ(error_field(*context), c.field) << c.name;
    }
  }
  EXPECT_EQ(
      scalar("SELECT count(*) FROM household WHERE household_code LIKE 'BAD-%" + suffix_ + "'"),
      "0");
  // The same code twice in a commune is refused; the first stays.
  auto h = household("DQ-002", kPhuTuc, "Lê Văn Tám", 1970);
  registered(h);
  auto context = client_context(commune(kPhuTuc));
  v1::Household out;
  EXPECT_EQ(register_household(h, &out, "", context.get()).error_code(),
            grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(error_field(*context), "household.household_code");
}

TEST_F(RegistryTest, SocialAffairsOfficerKeepsOwnCommuneListsOnly) {
  auto officer = bearer_for(Role::kSocialAffairsOfficer, {kPhuTuc}, {}, "ldtbxh");
  v1::Household out;
  EXPECT_TRUE(
      register_household(household("SA-1", kPhuTuc, "Đỗ Văn Hùng", 1980), &out, officer).ok());
  EXPECT_EQ(register_household(household("SA-2", kPhuCuong, "Đỗ Văn Hùng", 1980), &out, officer)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(register_household(household("SA-3", kPhuTuc, "Đỗ Văn Hùng", 1980), &out,
                               bearer_for(Role::kMemberOrganisation, {"736"}, "hoi-phu-nu"))
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(
      register_household(household("SA-4", kPhuTuc, "Đỗ Văn Hùng", 1980), &out, "").error_code(),
      grpc::StatusCode::UNAUTHENTICATED);
}

}  // namespace
}  // namespace vnn::testing
