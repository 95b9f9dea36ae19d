// Bad proposals and disbursements (issue 15), each answered with the right code, reason and
// field, and none of them leaving a support or a posting behind.

#include "support_test_helpers.h"
#include "vnn/platform/date.h"

namespace vnn::testing {
namespace {

namespace av1 = allocation::v1;

class BadInputTest : public SupportTest {
 protected:
  std::string supports_of(std::int64_t household) {
    return scalar("SELECT count(*) FROM support WHERE household_id = " + std::to_string(household));
  }
};

TEST_F(BadInputTest, MalformedProposalsNameTheirField) {
  const auto household = approved_household(kPhuTuc);
  ASSERT_GT(household, 0);
  const auto& fund = commune_fund(kPhuTuc);
  Support out;
  const auto base = [&] {
    return support_request(household, av1::SUPPORT_KIND_FOOD_AND_GIFTS, fund, 500'000);
  };

  auto r = base();
  r.set_kind(static_cast<av1::SupportKind>(99));
  EXPECT_TRUE(refused(propose(r, &out), grpc::StatusCode::INVALID_ARGUMENT, "*", "kind"));
  r = base();
  r.set_kind(av1::SUPPORT_KIND_UNSPECIFIED);
  EXPECT_TRUE(refused(propose(r, &out), grpc::StatusCode::INVALID_ARGUMENT, "*", "kind"));

  for (const std::int64_t dong : {std::int64_t{0}, std::int64_t{-1}, std::int64_t{-500'000}}) {
    r = base();
    r.mutable_funding(0)->mutable_amount()->set_dong(dong);
    EXPECT_TRUE(refused(propose(r, &out), grpc::StatusCode::INVALID_ARGUMENT, "*",
                        "funding[0].amount.dong"))
        << dong;
  }
  r = base();
  r.clear_funding();
  EXPECT_TRUE(refused(propose(r, &out), grpc::StatusCode::INVALID_ARGUMENT, "*", "funding"));

  // Food and gifts: at most 1,000,000 đ.
  r = base();
  r.mutable_funding(0)->mutable_amount()->set_dong(1'000'001);
  const auto above = propose(r, &out);
  EXPECT_TRUE(
      refused(above, grpc::StatusCode::INVALID_ARGUMENT, "ABOVE_NORM", "funding[0].amount.dong"));
  EXPECT_EQ(details(above).metadata["max_dong"], "1000000");

  // A fund this service does not know; a fund part without a fund.
  r = base();
  r.mutable_funding(0)->set_fund_id("fund-khong-co");
  EXPECT_TRUE(
      refused(propose(r, &out), grpc::StatusCode::INVALID_ARGUMENT, "*", "funding[0].fund_id"));
  r = base();
  r.mutable_funding(0)->clear_fund_id();
  EXPECT_TRUE(
      refused(propose(r, &out), grpc::StatusCode::INVALID_ARGUMENT, "*", "funding[0].fund_id"));
  // Another commune's fund for a household of Phú Túc.
  r = base();
  r.mutable_funding(0)->set_fund_id(commune_fund(kPhuCuong));
  EXPECT_TRUE(
      refused(propose(r, &out), grpc::StatusCode::INVALID_ARGUMENT, "*", "funding[0].fund_id"));
  // A commune fund named as the district's.
  r = base();
  r.mutable_funding(0)->set_source(av1::FUNDING_SOURCE_DISTRICT_FUND);
  EXPECT_TRUE(
      refused(propose(r, &out), grpc::StatusCode::INVALID_ARGUMENT, "*", "funding[0].fund_id"));
  // A sponsor part without its sponsor; a source the kind may not have.
  r = base();
  r.mutable_funding(0)->set_source(av1::FUNDING_SOURCE_SPONSOR);
  r.mutable_funding(0)->clear_fund_id();
  EXPECT_TRUE(
      refused(propose(r, &out), grpc::StatusCode::INVALID_ARGUMENT, "*", "funding[0].sponsor"));
  r = base();
  r.mutable_funding(0)->set_source(av1::FUNDING_SOURCE_HOUSEHOLD);
  r.mutable_funding(0)->clear_fund_id();
  EXPECT_TRUE(refused(propose(r, &out), grpc::StatusCode::INVALID_ARGUMENT, "SOURCE_NOT_ALLOWED",
                      "funding[0].source"));
  // A house without its land use certificate.
  r = support_request(household, av1::SUPPORT_KIND_HOUSE_REPAIR, fund, 10'000'000);
  r.clear_land_use_certificate();
  EXPECT_TRUE(
      refused(propose(r, &out), grpc::StatusCode::INVALID_ARGUMENT, "*", "land_use_certificate"));
  // A day still to come: it would pick a regulation version not yet in force.
  r = base();
  const auto tomorrow =
      platform::Date::in_vietnam(std::chrono::system_clock::now() + std::chrono::hours(24));
  *r.mutable_proposed_on() = make_date(tomorrow.year, tomorrow.month, tomorrow.day);
  EXPECT_TRUE(refused(propose(r, &out), grpc::StatusCode::INVALID_ARGUMENT, "*", "proposed_on"));
  // An unknown campaign.
  r = base();
  r.set_campaign_id("dot-khong-co");
  EXPECT_TRUE(refused(propose(r, &out), grpc::StatusCode::INVALID_ARGUMENT, "*", "campaign_id"));

  EXPECT_EQ(supports_of(household), "0");
}

TEST_F(BadInputTest, HouseholdsThatMayNotBeSupported) {
  const auto households = approved_households(kPhuTuc, 3);
  ASSERT_EQ(households.size(), 3u);
  const auto& fund = commune_fund(kPhuTuc);
  Support out;

  // Unknown: NOT_FOUND.
  EXPECT_TRUE(
      refused(propose(support_request(987'654'321, av1::SUPPORT_KIND_FOOD_AND_GIFTS, fund, 500'000),
                      &out, commune(kPhuTuc)),
              grpc::StatusCode::NOT_FOUND, "NOT_FOUND"));

  // Approved in the test's campaign, not in another one.
  const auto other_campaign = add_campaign();
  const auto not_approved = propose(support_request(households[0], av1::SUPPORT_KIND_FOOD_AND_GIFTS,
                                                    fund, 500'000, other_campaign),
                                    &out);
  EXPECT_TRUE(
      refused(not_approved, grpc::StatusCode::FAILED_PRECONDITION, "HOUSEHOLD_NOT_APPROVED"));
  EXPECT_EQ(details(not_approved).precondition_subject,
            "household/" + std::to_string(households[0]));

  // An open duplicate question between two of them (as household review records one when a
  // registration looks like another): neither may be supported until it is settled.
  household_scalar(
      "INSERT INTO duplicate_candidate (household_id, other_household_id, reason, similarity) "
      "VALUES (" +
      std::to_string(std::min(households[1], households[2])) + ", " +
      std::to_string(std::max(households[1], households[2])) +
      ", 'similar_name', 0.9) RETURNING id");
  EXPECT_TRUE(refused(
      propose(support_request(households[1], av1::SUPPORT_KIND_FOOD_AND_GIFTS, fund, 500'000),
              &out),
      grpc::StatusCode::FAILED_PRECONDITION, "HOUSEHOLD_DUPLICATE_OPEN"));

  // A second active support of a kind allowed once per campaign.
  ASSERT_TRUE(
      propose(support_request(households[0], av1::SUPPORT_KIND_PRODUCTION_CAPITAL, fund, 4'000'000),
              &out)
          .ok());
  const auto second = propose(
      support_request(households[0], av1::SUPPORT_KIND_PRODUCTION_CAPITAL, fund, 1'000'000), &out);
  EXPECT_TRUE(refused(second, grpc::StatusCode::FAILED_PRECONDITION, "SUPPORT_LIMIT_REACHED"));
  EXPECT_EQ(details(second).metadata["max_per_campaign"], "1");
  EXPECT_EQ(supports_of(households[0]), "1");
  EXPECT_EQ(supports_of(households[1]), "0");
}

TEST_F(BadInputTest, DisbursementsNeedEvidenceAndAtMostTheApprovedAmount) {
  const auto household = approved_household(kPhuTuc);
  const auto& fund = commune_fund(kPhuTuc);
  donate(fund, 5'000'000);
  wait_for_net_received(fund, 5'000'000);
  const auto support =
      approved_support(household, av1::SUPPORT_KIND_PRODUCTION_CAPITAL, fund, 4'000'000);
  ASSERT_GT(support.id(), 0);
  const auto checker = checker_for(support.id());
  const auto today = platform::Date::today_in_vietnam();
  const auto disburse_with = [&](const std::string& evidence,
                                 const std::vector<std::pair<std::string, std::int64_t>>& parts,
                                 bool dated = true, common::v1::Date on = {}) {
    if (!on.year()) on = make_date(today.year, today.month, today.day);
    av1::DisburseSupportRequest r;
    r.set_request_id(request_id("disburse"));
    r.set_support_id(support.id());
    if (dated) *r.mutable_disbursed_on() = on;
    r.set_evidence(evidence);
    for (const auto& [fund_id, dong] : parts) {
      auto* p = r.add_fund_parts();
      p->set_source(source_of(fund_id));
      p->set_fund_id(fund_id);
      p->mutable_amount()->set_dong(dong);
    }
    Support out;
    return stub_->DisburseSupport(client_context(checker).get(), r, &out);
  };
  const std::string evidence = "Biên bản bàn giao số 7/BB-MTTQ";

  EXPECT_TRUE(refused(disburse_with("", {}), grpc::StatusCode::INVALID_ARGUMENT, "*", "evidence"));
  EXPECT_TRUE(refused(disburse_with(evidence, {}, false), grpc::StatusCode::INVALID_ARGUMENT, "*",
                      "disbursed_on"));
  EXPECT_TRUE(refused(disburse_with(evidence, {{fund, 4'000'001}}),
                      grpc::StatusCode::INVALID_ARGUMENT, "*", "fund_parts[0].amount.dong"));
  EXPECT_TRUE(refused(disburse_with(evidence, {{fund, -1}}), grpc::StatusCode::INVALID_ARGUMENT,
                      "*", "fund_parts[0].amount.dong"));
  EXPECT_TRUE(refused(disburse_with(evidence, {{district_fund(), 1'000'000}}),
                      grpc::StatusCode::INVALID_ARGUMENT, "*", "fund_parts[0].fund_id"));
  // Handed over on a day still to come, or before it was proposed.
  const auto tomorrow =
      platform::Date::in_vietnam(std::chrono::system_clock::now() + std::chrono::hours(24));
  EXPECT_TRUE(refused(
      disburse_with(evidence, {}, true, make_date(tomorrow.year, tomorrow.month, tomorrow.day)),
      grpc::StatusCode::INVALID_ARGUMENT, "*", "disbursed_on"));
  EXPECT_TRUE(refused(disburse_with(evidence, {}, true, make_date(2024, 1, 2)),
                      grpc::StatusCode::INVALID_ARGUMENT, "*", "disbursed_on"));
  // None of them moved anything.
  expect_balances(fund, {.received = 5'000'000, .reserved = 4'000'000}, "after the refusals");

  ASSERT_TRUE(disburse_with(evidence, {{fund, 4'000'000}}).ok());
  expect_balances(fund, {.received = 5'000'000, .disbursed = 4'000'000}, "disbursed");

  // Completed before it was handed over, or on a day still to come.
  const auto complete_on = [&](const common::v1::Date& on) {
    av1::CompleteSupportRequest r;
    r.set_request_id(request_id("complete"));
    r.set_support_id(support.id());
    *r.mutable_completed_on() = on;
    r.set_evidence("Biên bản nghiệm thu số 9/BB-NT");
    Support out;
    return stub_->CompleteSupport(client_context(checker).get(), r, &out);
  };
  EXPECT_TRUE(refused(complete_on(make_date(2024, 1, 2)), grpc::StatusCode::INVALID_ARGUMENT, "*",
                      "completed_on"));
  EXPECT_TRUE(refused(complete_on(make_date(tomorrow.year, tomorrow.month, tomorrow.day)),
                      grpc::StatusCode::INVALID_ARGUMENT, "*", "completed_on"));
  EXPECT_TRUE(complete_on(make_date(today.year, today.month, today.day)).ok());
}

}  // namespace
}  // namespace vnn::testing
