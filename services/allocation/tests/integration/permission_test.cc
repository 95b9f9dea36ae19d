// Who may do what with supports and funds (issue 15): communes propose for their own
// households, member organisations for those assigned to them, the proposer never approves,
// whoever keeps a fund approves from it, auditors read everything and change nothing, and
// another commune sees none of it — the same NOT_FOUND as for an unknown id.

#include "support_test_helpers.h"

namespace vnn::testing {
namespace {

namespace av1 = allocation::v1;
namespace hv1 = household_review::v1;

class PermissionTest : public SupportTest {
 protected:
  static constexpr std::int64_t kUnknownHousehold = 987'654'321;
};

TEST_F(PermissionTest, CommunesProposeOnlyForTheirOwnHouseholds) {
  const auto household = approved_household(kPhuTuc);
  ASSERT_GT(household, 0);
  auto request =
      support_request(household, av1::SUPPORT_KIND_FOOD_AND_GIFTS, commune_fund(kPhuTuc), 500'000);

  // Phú Cường's officer: the household is not found, exactly as an unknown one.
  Support out;
  const auto other = propose(request, &out, commune(kPhuCuong));
  EXPECT_TRUE(refused(other, grpc::StatusCode::NOT_FOUND, "NOT_FOUND"));
  auto unknown_request = request;
  unknown_request.set_request_id(request_id("propose-unknown"));
  unknown_request.set_household_id(kUnknownHousehold);
  const auto unknown = propose(unknown_request, &out, commune(kPhuCuong));
  EXPECT_TRUE(refused(unknown, grpc::StatusCode::NOT_FOUND, "NOT_FOUND"));
  EXPECT_EQ(details(other).reason, details(unknown).reason);
  EXPECT_EQ(details(other).field, details(unknown).field);

  // Its own commune's officer may.
  request.set_request_id(request_id("propose-own"));
  EXPECT_TRUE(propose(request, &out).ok());
  EXPECT_EQ(out.state(), av1::SUPPORT_STATE_PROPOSED);
}

TEST_F(PermissionTest, TheProposerNeverApprovesAndOnlyTheFundsKeeperDoes) {
  const auto households = approved_households(kPhuTuc, 2);
  ASSERT_EQ(households.size(), 2u);
  donate(district_fund(), 5'000'000);
  donate(commune_fund(kPhuTuc), 5'000'000);
  wait_for_net_received(district_fund(), 5'000'000);
  wait_for_net_received(commune_fund(kPhuTuc), 5'000'000);

  // From the commune fund: its proposer may not approve it; another officer of the commune may.
  const auto from_commune = proposed(support_request(
      households[0], av1::SUPPORT_KIND_FOOD_AND_GIFTS, commune_fund(kPhuTuc), 700'000));
  EXPECT_TRUE(refused(approve(from_commune.id(), nullptr, commune(kPhuTuc)),
                      grpc::StatusCode::PERMISSION_DENIED, "SAME_OFFICER"));
  Support approved;
  ASSERT_TRUE(approve(from_commune.id(), &approved, commune(kPhuTuc, "checker")).ok());
  EXPECT_EQ(approved.state(), av1::SUPPORT_STATE_APPROVED);

  // From the district fund: no commune officer approves it, the district does.
  const auto from_district = proposed(
      support_request(households[1], av1::SUPPORT_KIND_FOOD_AND_GIFTS, district_fund(), 800'000));
  EXPECT_TRUE(refused(approve(from_district.id(), nullptr, commune(kPhuTuc, "checker")),
                      grpc::StatusCode::PERMISSION_DENIED, "NOT_IN_SCOPE"));
  av1::FundBalance b;
  ASSERT_TRUE(balance(district_fund(), &b).ok());
  EXPECT_EQ(b.reserved().dong(), 0) << "a refused approval reserved";
  ASSERT_TRUE(approve(from_district.id(), &approved, district("checker")).ok());
  expect_balances(district_fund(), {.received = 5'000'000, .reserved = 800'000}, "district");
  expect_balances(commune_fund(kPhuTuc), {.received = 5'000'000, .reserved = 700'000}, "commune");
}

TEST_F(PermissionTest, MemberOrganisationsProposeForTheirAssignedHouseholdsOnly) {
  const auto households = approved_households(kPhuTuc, 2);
  ASSERT_EQ(households.size(), 2u);
  hv1::AssignHouseholdRequest assign;
  assign.set_request_id(request_id("assign"));
  assign.set_campaign_id(campaign_);
  assign.set_household_id(households[0]);
  assign.set_organisation_id("hoi-nong-dan-phu-tuc");
  hv1::Assignment assignment;
  const auto assigned =
      households_->AssignHousehold(client_context(district()).get(), assign, &assignment);
  ASSERT_TRUE(assigned.ok()) << assigned.error_message();

  const auto farmers =
      bearer_for(Role::kMemberOrganisation, {kPhuTuc}, "hoi-nong-dan-phu-tuc", "hnd-phu-tuc");
  const auto women =
      bearer_for(Role::kMemberOrganisation, {kPhuTuc}, "hoi-phu-nu-phu-tuc", "hpn-phu-tuc");
  Support mine;
  ASSERT_TRUE(propose(support_request(households[0], av1::SUPPORT_KIND_LIVESTOCK_SEEDLINGS,
                                      commune_fund(kPhuTuc), 3'000'000),
                      &mine, farmers)
                  .ok());
  EXPECT_EQ(mine.organisation_id(), "hoi-nong-dan-phu-tuc");
  EXPECT_EQ(mine.proposed_by(), "hnd-phu-tuc");

  // Not assigned to it: not found; assigned to another organisation: not found either.
  Support out;
  EXPECT_TRUE(refused(propose(support_request(households[1], av1::SUPPORT_KIND_LIVESTOCK_SEEDLINGS,
                                              commune_fund(kPhuTuc), 3'000'000),
                              &out, farmers),
                      grpc::StatusCode::NOT_FOUND, "NOT_FOUND"));
  EXPECT_TRUE(refused(propose(support_request(households[0], av1::SUPPORT_KIND_FOOD_AND_GIFTS,
                                              commune_fund(kPhuTuc), 300'000),
                              &out, women),
                      grpc::StatusCode::NOT_FOUND, "NOT_FOUND"));

  // It sees its own support, the other organisation does not.
  EXPECT_TRUE(get_support(mine.id(), farmers, &out).ok());
  EXPECT_TRUE(
      refused(get_support(mine.id(), women, &out), grpc::StatusCode::NOT_FOUND, "NOT_FOUND"));
  EXPECT_EQ(listed(farmers).count(mine.id()), 1u);
  EXPECT_EQ(listed(women).count(mine.id()), 0u);
  // The commune sees it too, and its checker approves it.
  EXPECT_EQ(listed(commune(kPhuTuc)).count(mine.id()), 1u);
}

TEST_F(PermissionTest, AuditorsReadEverythingAndChangeNothing) {
  const auto households = approved_households(kPhuTuc, 2);
  ASSERT_EQ(households.size(), 2u);
  donate(district_fund(), 3'000'000);
  wait_for_net_received(district_fund(), 3'000'000);
  const auto approved =
      approved_support(households[0], av1::SUPPORT_KIND_FOOD_AND_GIFTS, district_fund(), 600'000);
  ASSERT_GT(approved.id(), 0);
  const auto proposal = proposed(
      support_request(households[1], av1::SUPPORT_KIND_FOOD_AND_GIFTS, district_fund(), 400'000));

  const auto a = auditor();
  Support out;
  EXPECT_TRUE(get_support(approved.id(), a, &out).ok());
  const auto seen = listed(a);
  EXPECT_EQ(seen.count(approved.id()), 1u);
  EXPECT_EQ(seen.count(proposal.id()), 1u);
  av1::FundBalance b;
  EXPECT_TRUE(fund_balance_as(district_fund(), a, &b).ok());
  EXPECT_EQ(b.reserved().dong(), 600'000);
  verify_ledger(district_fund());  // as the auditor
  EXPECT_FALSE(postings(district_fund()).empty());
  av1::PreviewBatchApprovalRequest preview;
  preview.set_campaign_id(campaign_);
  preview.set_unit_code(kPhuTuc);
  av1::BatchPreview previewed;
  EXPECT_TRUE(stub_->PreviewBatchApproval(client_context(a).get(), preview, &previewed).ok());

  const auto denied = [](const grpc::Status& s) {
    return refused(s, grpc::StatusCode::PERMISSION_DENIED, "*");
  };
  auto request =
      support_request(households[1], av1::SUPPORT_KIND_SCHOLARSHIP, district_fund(), 500'000);
  EXPECT_TRUE(denied(propose(request, &out, a)));
  EXPECT_TRUE(denied(approve(proposal.id(), &out, a)));
  EXPECT_TRUE(denied(disburse(approved.id(), &out, {}, a)));
  EXPECT_TRUE(denied(complete(approved.id(), &out, a)));
  EXPECT_TRUE(denied(cancel(proposal.id(), &out, "Kiểm tra", a)));
  av1::ApproveBatchRequest batch;
  batch.set_request_id(request_id("batch"));
  batch.set_campaign_id(campaign_);
  batch.set_unit_code(kPhuTuc);
  batch.add_support_ids(proposal.id());
  av1::ApproveBatchResponse batch_out;
  EXPECT_TRUE(denied(stub_->ApproveBatch(client_context(a).get(), batch, &batch_out)));

  // Nothing moved.
  Support after;
  ASSERT_TRUE(get_support(proposal.id(), a, &after).ok());
  EXPECT_EQ(after.state(), av1::SUPPORT_STATE_PROPOSED);
  ASSERT_TRUE(get_support(approved.id(), a, &after).ok());
  EXPECT_EQ(after.state(), av1::SUPPORT_STATE_APPROVED);
  expect_balances(district_fund(), {.received = 3'000'000, .reserved = 600'000}, "unchanged");
}

TEST_F(PermissionTest, AnotherCommuneSeesNoneOfIt) {
  const auto household = approved_household(kPhuTuc);
  ASSERT_GT(household, 0);
  donate(commune_fund(kPhuTuc), 2'000'000);
  wait_for_net_received(commune_fund(kPhuTuc), 2'000'000);
  const auto support = proposed(
      support_request(household, av1::SUPPORT_KIND_FOOD_AND_GIFTS, commune_fund(kPhuTuc), 900'000));
  ASSERT_GT(support.id(), 0);

  // Its own commune and the district see it, by id and in lists.
  Support out;
  EXPECT_TRUE(get_support(support.id(), commune(kPhuTuc), &out).ok());
  EXPECT_TRUE(get_support(support.id(), district(), &out).ok());
  EXPECT_EQ(listed(commune(kPhuTuc)).count(support.id()), 1u);
  EXPECT_EQ(listed(district()).count(support.id()), 1u);
  av1::ListSupportsRequest by_unit;
  by_unit.set_campaign_id(campaign_);
  by_unit.set_unit_code(kPhuTuc);
  EXPECT_EQ(listed(district(), by_unit).count(support.id()), 1u);
  av1::FundBalance b;
  EXPECT_TRUE(fund_balance_as(commune_fund(kPhuTuc), commune(kPhuTuc), &b).ok());

  // Phú Cường: not found, not listed, its fund not found — as an unknown id.
  const auto other = commune(kPhuCuong);
  const auto hidden = get_support(support.id(), other, &out);
  EXPECT_TRUE(refused(hidden, grpc::StatusCode::NOT_FOUND, "NOT_FOUND"));
  const auto unknown = get_support(support.id() + 1'000'000, other, &out);
  EXPECT_TRUE(refused(unknown, grpc::StatusCode::NOT_FOUND, "NOT_FOUND"));
  EXPECT_EQ(listed(other).count(support.id()), 0u);
  EXPECT_EQ(listed(other, by_unit).count(support.id()), 0u);
  EXPECT_TRUE(refused(fund_balance_as(commune_fund(kPhuTuc), other, &b),
                      grpc::StatusCode::NOT_FOUND, "NOT_FOUND"));
  EXPECT_TRUE(refused(fund_balance_as("fund-khong-co", other, &b), grpc::StatusCode::NOT_FOUND,
                      "NOT_FOUND"));
  EXPECT_TRUE(fund_balance_as(commune_fund(kPhuCuong), other, &b).ok());
  // Nor may it act on it.
  EXPECT_TRUE(
      refused(approve(support.id(), &out, other), grpc::StatusCode::NOT_FOUND, "NOT_FOUND"));
  EXPECT_TRUE(refused(cancel(support.id(), &out, "Nhầm hộ", other), grpc::StatusCode::NOT_FOUND,
                      "NOT_FOUND"));
}

}  // namespace
}  // namespace vnn::testing
