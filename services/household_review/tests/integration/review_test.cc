// Submissions and review: the deadline and its override, changes refused with the reason,
// returns and resubmission, maker–checker, and the priority ranking.

#include <chrono>
#include <thread>

#include "household_fixture.h"

namespace vnn::testing {
namespace {

namespace v1 = household_review::v1;

using ReviewTest = HouseholdFixture;

TEST_F(ReviewTest, LateListIsAcceptedAsLateAndReviewedOnlyAfterAnOverride) {
  const auto a = registered(household("L-1", kPhuTuc, "Phạm Văn Lực", 1960));
  const auto submission = submit(closed_campaign_, kPhuTuc, {a.id()});
  EXPECT_TRUE(submission.late());
  EXPECT_EQ(submission.version(), 1);

  v1::Candidacy candidacy;
  auto status =
      review(closed_campaign_, a.id(), v1::REVIEW_DECISION_APPROVE, district(), &candidacy);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(status.error_message().find("after the deadline"), std::string::npos);

  // After the deadline the commune can no longer change what it sent.
  v1::SubmitListRequest change;
  change.set_request_id(request_id("change"));
  change.set_campaign_id(closed_campaign_);
  change.set_unit_code(kPhuTuc);
  change.set_proposal_reference("16/TTr-MTTQ");
  change.add_household_ids(a.id());
  v1::Submission changed;
  status = stub_->SubmitList(client_context(commune()).get(), change, &changed);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(status.error_message().find("deadline"), std::string::npos) << status.error_message();

  // Only a district officer lets it through, with a reason that is kept.
  v1::OverrideLateSubmissionRequest override_request;
  override_request.set_request_id(request_id("override"));
  override_request.set_submission_id(submission.id());
  override_request.set_reason("Xã gửi chậm do mưa lũ; Ban Thường trực đồng ý xét");
  v1::Submission overridden;
  EXPECT_EQ(
      stub_->OverrideLateSubmission(client_context(commune()).get(), override_request, &overridden)
          .error_code(),
      grpc::StatusCode::PERMISSION_DENIED);
  override_request.set_reason("");
  auto context = client_context(district("pho-chu-tich"));
  EXPECT_EQ(
      stub_->OverrideLateSubmission(context.get(), override_request, &overridden).error_code(),
      grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(error_field(*context), "reason");
  override_request.set_reason("Xã gửi chậm do mưa lũ; Ban Thường trực đồng ý xét");
  override_request.set_request_id(request_id("override"));
  ASSERT_TRUE(stub_
                  ->OverrideLateSubmission(client_context(district("pho-chu-tich")).get(),
                                           override_request, &overridden)
                  .ok());
  EXPECT_EQ(overridden.override_by(), "pho-chu-tich");
  EXPECT_FALSE(overridden.override_reason().empty());

  ASSERT_TRUE(
      review(closed_campaign_, a.id(), v1::REVIEW_DECISION_APPROVE, district(), &candidacy).ok());
  EXPECT_EQ(candidacy.state(), v1::CANDIDACY_STATE_APPROVED);
}

TEST_F(ReviewTest, BeforeTheDeadlineAListIsReplacedUntilTheDistrictReviewsIt) {
  const auto a = registered(household("R-1", kPhuTuc, "Võ Văn Một", 1955));
  const auto b = registered(household("R-2", kPhuTuc, "Võ Văn Hai", 1956));
  const auto first = submit(open_campaign_, kPhuTuc, {a.id(), b.id()});
  EXPECT_FALSE(first.late());
  const auto second = submit(open_campaign_, kPhuTuc, {a.id()});
  EXPECT_EQ(second.version(), 2);
  EXPECT_EQ(scalar("SELECT state FROM candidacy WHERE campaign_id = '" + open_campaign_ +
                   "' AND household_id = " + std::to_string(b.id())),
            "withdrawn");

  ASSERT_TRUE(review(open_campaign_, a.id(), v1::REVIEW_DECISION_REJECT, district(), nullptr,
                     "Đã có nhà kiên cố")
                  .ok());
  v1::SubmitListRequest change;
  change.set_request_id(request_id("change"));
  change.set_campaign_id(open_campaign_);
  change.set_unit_code(kPhuTuc);
  change.set_proposal_reference("17/TTr-MTTQ");
  change.add_household_ids(b.id());
  v1::Submission changed;
  auto status = stub_->SubmitList(client_context(commune()).get(), change, &changed);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(status.error_message().find("already reviewed"), std::string::npos);

  // A decision is final: reviewing again is refused.
  status = review(open_campaign_, a.id(), v1::REVIEW_DECISION_APPROVE, district());
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
}

TEST_F(ReviewTest, ReturnedHouseholdIsResubmittedAndEveryTransitionKept) {
  const auto a = registered(household("T-1", kPhuTuc, "Huỳnh Thị Ba", 1949, "", ""));
  submit(open_campaign_, kPhuTuc, {a.id()});
  auto context = client_context(district());
  v1::ReviewHouseholdRequest bare;
  bare.set_request_id(request_id("review"));
  bare.set_campaign_id(open_campaign_);
  bare.set_household_id(a.id());
  bare.set_decision(v1::REVIEW_DECISION_RETURN);
  v1::Candidacy out;
  EXPECT_EQ(stub_->ReviewHousehold(context.get(), bare, &out).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(error_field(*context), "reason");
  ASSERT_TRUE(review(open_campaign_, a.id(), v1::REVIEW_DECISION_RETURN, district(), &out,
                     "Bổ sung biên bản khảo sát nhà ở")
                  .ok());
  EXPECT_EQ(out.state(), v1::CANDIDACY_STATE_RETURNED);

  v1::ResubmitHouseholdRequest resubmit;
  resubmit.set_request_id(request_id("resubmit"));
  resubmit.set_campaign_id(open_campaign_);
  resubmit.set_household_id(a.id());
  resubmit.set_note("Đã bổ sung biên bản khảo sát ngày 10/02");
  ASSERT_TRUE(stub_->ResubmitHousehold(client_context(commune()).get(), resubmit, &out).ok());
  EXPECT_EQ(out.state(), v1::CANDIDACY_STATE_SUBMITTED);
  ASSERT_TRUE(review(open_campaign_, a.id(), v1::REVIEW_DECISION_APPROVE, district(), &out).ok());
  ASSERT_EQ(out.history_size(), 4);  // submitted, returned, submitted, approved
  EXPECT_EQ(out.history(1).to(), v1::CANDIDACY_STATE_RETURNED);
  EXPECT_EQ(out.history(1).reason(), "Bổ sung biên bản khảo sát nhà ở");
  EXPECT_EQ(out.history(1).by(), "cb-huyen");
  EXPECT_EQ(out.history(2).reason(), "Đã bổ sung biên bản khảo sát ngày 10/02");
  EXPECT_EQ(out.history(3).to(), v1::CANDIDACY_STATE_APPROVED);
  // The history is append-only for the service itself.
  EXPECT_EQ(scalar("SELECT has_table_privilege('vnn_household_review', "
                   "'household_review.candidacy_transition', 'UPDATE')"),
            "f");
}

TEST_F(ReviewTest, WhoeverSubmittedAHouseholdCannotApproveIt) {
  const auto a = registered(household("M-1", kPhuTuc, "Đặng Văn Sáu", 1975));
  // One person holding both roles: as commune officer they submit...
  v1::SubmitListRequest request;
  request.set_request_id(request_id("submit"));
  request.set_campaign_id(open_campaign_);
  request.set_unit_code(kPhuTuc);
  request.set_proposal_reference("18/TTr-MTTQ");
  request.add_household_ids(a.id());
  v1::Submission submission;
  ASSERT_TRUE(stub_
                  ->SubmitList(client_context(bearer_for(Role::kCommuneOfficer, {kPhuTuc}, {},
                                                         "nguyen-van-bay"))
                                   .get(),
                               request, &submission)
                  .ok());
  // ...and as a district officer they may not approve what they submitted.
  auto status = review(open_campaign_, a.id(), v1::REVIEW_DECISION_APPROVE,
                       bearer_for(Role::kDistrictOffice, {"736"}, {}, "nguyen-van-bay"));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_NE(status.error_message().find("submitted"), std::string::npos);
  // A commune officer may not review at all; another district officer may.
  EXPECT_EQ(review(open_campaign_, a.id(), v1::REVIEW_DECISION_APPROVE, commune()).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_TRUE(
      review(open_campaign_, a.id(), v1::REVIEW_DECISION_APPROVE, district("checker")).ok());
  // The refusal is in the audit trail too (written in the background, shortly after).
  std::string refusals = "0";
  for (auto until = std::chrono::steady_clock::now() + std::chrono::seconds(5);
       refusals == "0" && std::chrono::steady_clock::now() < until;
       std::this_thread::sleep_for(std::chrono::milliseconds(20))) {
    refusals = scalar(
        "SELECT count(*) FROM audit_log WHERE method LIKE '%ReviewHousehold' AND "
        "subject = 'nguyen-van-bay'");
  }
  EXPECT_NE(refusals, "0");
}

TEST_F(ReviewTest, SubmissionInputIsChecked) {
  const auto a = registered(household("S-1", kPhuTuc, "Lý Văn Chín", 1965));
  const auto other = registered(household("S-2", kPhuCuong, "Lý Văn Mười", 1966));
  struct Case {
    std::string name, campaign, unit;
    std::vector<std::int64_t> ids;
    std::string field;
    grpc::StatusCode code = grpc::StatusCode::INVALID_ARGUMENT;
  };
  const std::vector<Case> cases{
      {"unknown campaign", "no-such-campaign", kPhuTuc, {a.id()}, "campaign_id"},
      {"empty list", open_campaign_, kPhuTuc, {}, "household_ids"},
      {"a household twice", open_campaign_, kPhuTuc, {a.id(), a.id()}, "household_ids[1]"},
      {"another commune's household", open_campaign_, kPhuTuc, {other.id()}, "household_ids[0]"},
      {"unknown household", open_campaign_, kPhuTuc, {987654321}, "household_ids[0]"},
      {"another commune",
       open_campaign_,
       kPhuCuong,
       {other.id()},
       "",
       grpc::StatusCode::PERMISSION_DENIED},
  };
  for (const auto& c : cases) {
    v1::SubmitListRequest request;
    request.set_request_id(request_id("bad-submit"));
    request.set_campaign_id(c.campaign);
    request.set_unit_code(c.unit);
    request.set_proposal_reference("19/TTr-MTTQ");
    for (auto id : c.ids) request.add_household_ids(id);
    auto context = client_context(commune(kPhuTuc));
    v1::Submission out;
    auto status = stub_->SubmitList(context.get(), request, &out);
    EXPECT_EQ(status.error_code(), c.code) << c.name << ": " << status.error_message();
    if (!c.field.empty()) {
      EXPECT_EQ(error_field(*context), c.field) << c.name;
    }
  }
}

TEST_F(ReviewTest, ApprovedHouseholdsAreRankedMeritoriousServiceAndTemporaryHousingFirst) {
  auto durable = household("P-1", kPhuTuc, "Mai Văn Một", 1950);
  durable.set_housing(v1::HOUSING_DURABLE);
  auto non_durable = household("P-2", kPhuTuc, "Mai Văn Hai", 1951);
  non_durable.set_housing(v1::HOUSING_NON_DURABLE);
  auto temporary = household("P-3", kPhuTuc, "Mai Văn Ba", 1952);
  auto merit = household("P-4", kPhuTuc, "Mai Văn Bốn", 1953);
  merit.set_housing(v1::HOUSING_DURABLE);
  merit.set_meritorious_member(true);
  std::vector<std::int64_t> ids;
  for (const auto& h : {durable, non_durable, temporary, merit}) ids.push_back(registered(h).id());
  submit(open_campaign_, kPhuTuc, ids);
  for (auto id : ids) {
    ASSERT_TRUE(review(open_campaign_, id, v1::REVIEW_DECISION_APPROVE, district()).ok());
  }
  v1::RankApprovedRequest request;
  request.set_campaign_id(open_campaign_);
  request.set_unit_code(kPhuTuc);
  v1::RankApprovedResponse ranked;
  ASSERT_TRUE(stub_->RankApproved(client_context(district()).get(), request, &ranked).ok());
  ASSERT_EQ(ranked.households_size(), 4);
  EXPECT_EQ(ranked.households(0).household_id(), ids[3]);  // meritorious service
  EXPECT_EQ(ranked.households(1).household_id(), ids[2]);  // temporary housing
  EXPECT_EQ(ranked.households(2).household_id(), ids[1]);  // non-durable
  EXPECT_EQ(ranked.households(3).household_id(), ids[0]);
  EXPECT_EQ(ranked.households(0).masked_name(), "Mai V. B.");
}

// A commune replacing its list while the district approves one of its households: either the
// list comes first (and the approval follows it) or the approval does (and the list is refused
// as reviewed already). Never may the approval succeed and then be reset to "submitted".
TEST_F(ReviewTest, AReplacingListNeverResetsAConcurrentApproval) {
  const std::vector<std::string> communes{kPhuTuc, kPhuCuong, "26212", "26218",
                                          "26224", "26230",   "26233", "26245"};
  int both_succeeded = 0;
  for (std::size_t round = 0; round < communes.size(); ++round) {
    const auto& unit = communes[round];
    std::vector<std::int64_t> ids;
    for (int i = 0; i < 60; ++i) {
      ids.push_back(registered(household("R" + std::to_string(round) + "-" + std::to_string(i),
                                         unit, "Hoàng Văn Nam", 1930 + i))
                        .id());
    }
    submit(open_campaign_, unit, ids);
    const std::int64_t last = ids.back();  // the last one the replacing list writes

    v1::SubmitListRequest replace;
    replace.set_request_id(request_id("replace"));
    replace.set_campaign_id(open_campaign_);
    replace.set_unit_code(unit);
    replace.set_proposal_reference("17/TTr-MTTQ");
    for (auto id : ids) replace.add_household_ids(id);
    v1::ReviewHouseholdRequest approve;
    approve.set_request_id(request_id("approve"));
    approve.set_campaign_id(open_campaign_);
    approve.set_household_id(last);
    approve.set_decision(v1::REVIEW_DECISION_APPROVE);

    grpc::Status replaced, approved;
    const std::string commune_bearer = commune(unit);
    const std::string district_bearer = district();
    std::thread list([&] {
      v1::Submission out;
      replaced = stub_->SubmitList(client_context(commune_bearer).get(), replace, &out);
    });
    std::thread review_call([&] {
      std::this_thread::sleep_for(std::chrono::milliseconds(6 * static_cast<int>(round)));
      v1::Candidacy out;
      approved = stub_->ReviewHousehold(client_context(district_bearer).get(), approve, &out);
    });
    list.join();
    review_call.join();
    EXPECT_TRUE(approved.ok() || approved.error_code() == grpc::StatusCode::FAILED_PRECONDITION)
        << approved.error_message();
    const std::string state =
        scalar("SELECT state FROM candidacy WHERE campaign_id = '" + open_campaign_ +
               "' AND household_id = " + std::to_string(last));
    if (approved.ok()) {
      EXPECT_EQ(state, "approved") << "round " << round << ", list: " << replaced.error_message();
    }
    if (replaced.ok() && approved.ok()) ++both_succeeded;
    if (!replaced.ok()) {
      EXPECT_EQ(replaced.error_code(), grpc::StatusCode::FAILED_PRECONDITION)
          << replaced.error_message();
    }
  }
  RecordProperty("both_succeeded", both_succeeded);
}

}  // namespace
}  // namespace vnn::testing
