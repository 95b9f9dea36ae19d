#include "rules/fund_scope.h"

#include <gtest/gtest.h>

#include "refusal.h"
#include "rules/reason_codes.h"

namespace vnn::donation::rules {
namespace {

using platform::ErrorCode;
using platform::auth::Principal;
using platform::auth::Role;

const platform::Date kReceived{2024, 3, 5};
// Định Quán district (736) and two of its communes, under Đồng Nai province (75).
constexpr const char* kDistrict = "736";
constexpr const char* kPhuTuc = "26242";
constexpr const char* kPhuHoa = "26221";
constexpr const char* kProvince = "75";

const platform::units::AdminUnitTree& units() { return platform::units::AdminUnitTree::builtin(); }

Principal caller(Role role, std::vector<std::string> unit_codes, std::string organisation = {}) {
  return Principal{.subject = "officer",
                   .role = role,
                   .unit_codes = std::move(unit_codes),
                   .organisation_id = std::move(organisation)};
}

std::optional<Refusal> scope_refusal(const Principal& who, const char* fund_unit) {
  return refusal_of([&] { require_fund_scope(who, units(), fund_unit, kReceived, "fund_id"); });
}

bool refused_not_in_scope(const std::optional<Refusal>& r) {
  return r && r->code == ErrorCode::kPermissionDenied && r->reason == "NOT_IN_SCOPE";
}

TEST(FundScope, ACommuneOfficerRecordsForItsOwnCommunesFund) {
  EXPECT_FALSE(scope_refusal(caller(Role::kCommuneOfficer, {kPhuTuc}), kPhuTuc));
}

TEST(FundScope, ACommuneOfficerRecordsNeitherForTheCommuneBesideNorForTheDistrict) {
  const auto phu_tuc = caller(Role::kCommuneOfficer, {kPhuTuc});
  EXPECT_TRUE(refused_not_in_scope(scope_refusal(phu_tuc, kPhuHoa)));
  EXPECT_TRUE(refused_not_in_scope(scope_refusal(phu_tuc, kDistrict)));
}

TEST(FundScope, TheDistrictRecordsForItsOwnFundAndThoseBelowItButNotAbove) {
  const auto district = caller(Role::kDistrictOffice, {kDistrict});
  EXPECT_FALSE(scope_refusal(district, kDistrict));
  EXPECT_FALSE(scope_refusal(district, kPhuTuc));
  EXPECT_FALSE(scope_refusal(district, kPhuHoa));
  EXPECT_TRUE(refused_not_in_scope(scope_refusal(district, kProvince)));
}

TEST(FundScope, AnAuditorReachesEveryFund) {
  const auto auditor = caller(Role::kAuditor, {});
  EXPECT_FALSE(scope_refusal(auditor, kPhuTuc));
  EXPECT_FALSE(scope_refusal(auditor, kProvince));
}

TEST(FundScope, AnAgencyIsHeldToTheUnitsItsTokenNames) {
  EXPECT_FALSE(scope_refusal(caller(Role::kAgency, {kDistrict}, "agency-1"), kPhuTuc));
  EXPECT_TRUE(refused_not_in_scope(scope_refusal(caller(Role::kAgency, {}, "agency-1"), kPhuTuc)));
}

TEST(FundScope, AFundOfAnUnknownUnitIsAnInvalidArgumentOnTheFieldGiven) {
  const auto refusal = scope_refusal(caller(Role::kDistrictOffice, {kDistrict}), "99999");
  ASSERT_TRUE(refusal);
  EXPECT_EQ(refusal->code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(refusal->field, "fund_id");
}

TEST(FundScope, TheOfficerIsToldInVietnameseThatTheFundIsOutsideTheirUnit) {
  try {
    require_fund_scope(caller(Role::kCommuneOfficer, {kPhuTuc}), units(), kPhuHoa, kReceived,
                       "fund_id");
    FAIL() << "expected a refusal";
  } catch (const platform::Error& e) {
    EXPECT_EQ(e.subject(), std::string("unit/") + kPhuHoa);
    EXPECT_NE(e.vietnamese().find("Quỹ thuộc đơn vị 26221"), std::string::npos) << e.vietnamese();
  }
}

TEST(FundScope, AnAgencyImportsNoBankStatement) {
  const auto refusal =
      refusal_of([] { require_may_import_statement(caller(Role::kAgency, {}, "agency-1")); });
  ASSERT_TRUE(refusal);
  EXPECT_EQ(refusal->code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(refusal->reason, reason::kAgencyImportsOwnLists);
  EXPECT_FALSE(
      refusal_of([] { require_may_import_statement(caller(Role::kDistrictOffice, {kDistrict})); }));
}

std::optional<Refusal> payroll_refusal(const Principal& who, const char* agency,
                                       const char* fund_unit) {
  return refusal_of([&] {
    require_payroll_list_scope(who, units(), agency, fund_unit, kReceived, "header.fund_id");
  });
}

TEST(FundScope, AnAgencyImportsOnlyItsOwnStaffLists) {
  const auto agency = caller(Role::kAgency, {kPhuTuc}, "agency-1");
  EXPECT_FALSE(payroll_refusal(agency, "agency-1", kPhuTuc));
  const auto other = payroll_refusal(agency, "agency-2", kPhuTuc);
  ASSERT_TRUE(other);
  EXPECT_EQ(other->code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(other->reason, reason::kAgencyImportsOwnLists);
  const auto no_organisation = payroll_refusal(caller(Role::kAgency, {}), "", kPhuTuc);
  ASSERT_TRUE(no_organisation);
  EXPECT_EQ(no_organisation->reason, reason::kAgencyImportsOwnLists);
}

TEST(FundScope, AnAgencyWhoseTokenNamesNoUnitRecordsNothing) {
  const auto agency = caller(Role::kAgency, {}, "agency-1");
  EXPECT_TRUE(refused_not_in_scope(payroll_refusal(agency, "agency-1", kPhuTuc)));
}

TEST(FundScope, AnAgencyNamingUnitsIsHeldToThemForItsLists) {
  const auto agency = caller(Role::kAgency, {kPhuTuc}, "agency-1");
  EXPECT_FALSE(payroll_refusal(agency, "agency-1", kPhuTuc));
  EXPECT_TRUE(refused_not_in_scope(payroll_refusal(agency, "agency-1", kPhuHoa)));
}

TEST(FundScope, OthersImportPayrollListsForFundsInTheirScope) {
  const auto phu_tuc = caller(Role::kCommuneOfficer, {kPhuTuc});
  EXPECT_FALSE(payroll_refusal(phu_tuc, "agency-1", kPhuTuc));
  const auto beside = payroll_refusal(phu_tuc, "agency-1", kPhuHoa);
  EXPECT_TRUE(refused_not_in_scope(beside));
}

}  // namespace
}  // namespace vnn::donation::rules
