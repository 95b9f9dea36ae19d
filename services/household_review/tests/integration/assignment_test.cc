// Assignment to exactly one member organisation, coverage, outcomes and eligibility.

#include "household_fixture.h"

namespace vnn::testing {
namespace {

namespace v1 = household_review::v1;

using AssignmentTest = HouseholdFixture;

grpc::Status assign(v1::HouseholdReviewService::Stub& stub, const std::string& bearer,
                    const std::string& campaign, std::int64_t id, const std::string& org,
                    const std::string& reason, v1::Assignment* out, const std::string& request) {
  v1::AssignHouseholdRequest r;
  r.set_request_id(request);
  r.set_campaign_id(campaign);
  r.set_household_id(id);
  r.set_organisation_id(org);
  r.set_reason(reason);
  return stub.AssignHousehold(client_context(bearer).get(), r, out);
}

TEST_F(AssignmentTest, EachApprovedHouseholdHasOneOrganisationAndCoverageShowsTheGaps) {
  const auto a = registered(household("A-1", kPhuTuc, "Bùi Văn Năm", 1958));
  const auto b = registered(household("A-2", kPhuTuc, "Bùi Văn Sáu", 1959));
  const auto c = registered(household("A-3", kPhuTuc, "Bùi Văn Bảy", 1960));
  submit(open_campaign_, kPhuTuc, {a.id(), b.id(), c.id()});
  ASSERT_TRUE(review(open_campaign_, a.id(), v1::REVIEW_DECISION_APPROVE, district()).ok());
  ASSERT_TRUE(review(open_campaign_, b.id(), v1::REVIEW_DECISION_APPROVE, district()).ok());

  v1::Assignment out;
  // Only approved households are assigned.
  EXPECT_EQ(assign(*stub_, district(), open_campaign_, c.id(), "hoi-nong-dan", "", &out,
                   request_id("assign"))
                .error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(assign(*stub_, commune(), open_campaign_, a.id(), "hoi-nong-dan", "", &out,
                   request_id("assign"))
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  ASSERT_TRUE(assign(*stub_, district(), open_campaign_, a.id(), "hoi-nong-dan", "", &out,
                     request_id("assign"))
                  .ok());
  EXPECT_EQ(out.organisation_id(), "hoi-nong-dan");
  // A reassignment needs a reason and is recorded; the household still has one organisation.
  EXPECT_EQ(assign(*stub_, district(), open_campaign_, a.id(), "hoi-phu-nu", "", &out,
                   request_id("assign"))
                .error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(assign(*stub_, district(), open_campaign_, a.id(), "hoi-nong-dan", "x", &out,
                   request_id("assign"))
                .error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  ASSERT_TRUE(assign(*stub_, district(), open_campaign_, a.id(), "hoi-phu-nu",
                     "Hội Phụ nữ xã nhận giúp đỡ", &out, request_id("assign"))
                  .ok());
  EXPECT_EQ(out.previous_organisation_id(), "hoi-nong-dan");
  const auto where =
      " WHERE campaign_id = '" + open_campaign_ + "' AND household_id = " + std::to_string(a.id());
  EXPECT_EQ(scalar("SELECT count(*) FROM assignment" + where), "1");
  EXPECT_EQ(scalar("SELECT organisation_id FROM assignment" + where), "hoi-phu-nu");
  EXPECT_EQ(scalar("SELECT count(*) FROM assignment_history" + where), "2");

  // The organisation now sees the household (names, not citizen ids); the previous one not.
  v1::GetHouseholdRequest get;
  get.set_id(a.id());
  v1::Household seen;
  EXPECT_TRUE(
      stub_
          ->GetHousehold(
              client_context(bearer_for(Role::kMemberOrganisation, {"736"}, "hoi-phu-nu")).get(),
              get, &seen)
          .ok());
  EXPECT_EQ(seen.head().full_name(), "Bùi Văn Năm");
  EXPECT_EQ(stub_
                ->GetHousehold(client_context(bearer_for(Role::kMemberOrganisation, {"736"},
                                                         "hoi-cuu-chien-binh"))
                                   .get(),
                               get, &seen)
                .error_code(),
            grpc::StatusCode::NOT_FOUND);

  v1::GetCoverageRequest request;
  request.set_campaign_id(open_campaign_);
  request.set_unit_code("736");
  v1::Coverage coverage;
  ASSERT_TRUE(stub_->GetCoverage(client_context(district()).get(), request, &coverage).ok());
  ASSERT_EQ(coverage.unassigned_size(), 1);
  EXPECT_EQ(coverage.unassigned(0).household_id(), b.id());
  EXPECT_EQ(coverage.unassigned(0).masked_name(), "Bùi V. S.");
  ASSERT_EQ(coverage.units_size(), 1);
  EXPECT_EQ(coverage.units(0).approved(), 2);
  EXPECT_EQ(coverage.units(0).assigned(), 1);
  EXPECT_TRUE(coverage.has_household_lists_due());
}

TEST_F(AssignmentTest, OutcomeIsRecordedOnceAndEligibilityTellsOtherServices) {
  const auto a = registered(household("O-1", kPhuTuc, "Tạ Thị Mơ", 1962));
  submit(open_campaign_, kPhuTuc, {a.id()});
  ASSERT_TRUE(review(open_campaign_, a.id(), v1::REVIEW_DECISION_APPROVE, district()).ok());

  v1::GetEligibilityRequest ask;
  ask.set_household_id(a.id());
  ask.set_campaign_id(open_campaign_);
  v1::Eligibility facts;
  ASSERT_TRUE(
      stub_->GetEligibility(client_context(bearer_for(Role::kService)).get(), ask, &facts).ok());
  EXPECT_TRUE(facts.exists());
  EXPECT_TRUE(facts.approved());
  EXPECT_EQ(facts.housing(), v1::HOUSING_TEMPORARY);
  EXPECT_EQ(facts.unit_code(), kPhuTuc);
  ask.set_household_id(987654321);
  ASSERT_TRUE(
      stub_->GetEligibility(client_context(bearer_for(Role::kService)).get(), ask, &facts).ok());
  EXPECT_FALSE(facts.exists());

  v1::RecordOutcomeRequest outcome;
  outcome.set_request_id(request_id("outcome"));
  outcome.set_household_id(a.id());
  outcome.mutable_escaped_on()->set_year(2024);
  outcome.mutable_escaped_on()->set_month(12);
  outcome.mutable_escaped_on()->set_day(20);
  outcome.set_support_summary("Hỗ trợ xây nhà Đại đoàn kết 60 triệu đồng và 2 con bò giống");
  outcome.set_exemplary(true);
  v1::Outcome recorded;
  ASSERT_TRUE(stub_->RecordOutcome(client_context(commune()).get(), outcome, &recorded).ok());
  EXPECT_TRUE(recorded.exemplary());
  outcome.set_request_id(request_id("outcome"));
  EXPECT_EQ(stub_->RecordOutcome(client_context(commune()).get(), outcome, &recorded).error_code(),
            grpc::StatusCode::ALREADY_EXISTS);
  outcome.set_request_id(request_id("outcome"));
  outcome.mutable_escaped_on()->set_year(2999);
  auto context = client_context(commune());
  EXPECT_EQ(stub_->RecordOutcome(context.get(), outcome, &recorded).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(error_field(*context), "escaped_on");
  EXPECT_EQ(scalar("SELECT escaped_poverty FROM household WHERE id = " + std::to_string(a.id())),
            "t");
  // Every change to the household went out as an event, in its own version order.
  EXPECT_EQ(scalar("SELECT string_agg(subject || ':' || aggregate_version, ',' ORDER BY "
                   "aggregate_version) FROM outbox WHERE aggregate_type = 'household' AND "
                   "aggregate_id = '" +
                   std::to_string(a.id()) + "'"),
            "vnn.household_review.household.registered:1,"
            "vnn.household_review.household.submitted:2,"
            "vnn.household_review.household.reviewed:3,"
            "vnn.household_review.household.outcome_recorded:4");
}

}  // namespace
}  // namespace vnn::testing
