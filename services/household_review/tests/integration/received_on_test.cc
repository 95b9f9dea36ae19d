// The day the district office received a list (received_on): paper lists are entered days after
// they arrived, so lateness is judged on that day, not on the day they are entered. The seed
// plan's lists are due on 22/02/2024; these tests enter them today, long after.

#include <chrono>
#include <thread>

#include "household_fixture.h"
#include "vnn/platform/rpc/error_details.h"
#include "vnn/testing/calls.h"

namespace vnn::testing {
namespace {

namespace v1 = household_review::v1;

void set_date(common::v1::Date* out, const platform::Date& d) {
  out->set_year(d.year);
  out->set_month(d.month);
  out->set_day(d.day);
}

platform::Date date_of(const common::v1::Date& d) { return {d.year(), d.month(), d.day()}; }

class ReceivedOnTest : public HouseholdFixture {
 protected:
  void SetUp() override {
    HouseholdFixture::SetUp();
    seed_campaign_ = "seed-" + suffix_;
    create_campaign(seed_campaign_, kListsDue);
  }

  v1::SubmitListRequest list_request(const std::string& unit, const std::vector<std::int64_t>& ids,
                                     const platform::Date* received_on) {
    v1::SubmitListRequest request;
    request.set_request_id(request_id("submit"));
    request.set_campaign_id(seed_campaign_);
    request.set_unit_code(unit);
    request.set_proposal_reference("15/TTr-MTTQ");
    for (auto id : ids) request.add_household_ids(id);
    if (received_on != nullptr) set_date(request.mutable_received_on(), *received_on);
    return request;
  }

  grpc::Status submit_received(const std::string& unit, const std::vector<std::int64_t>& ids,
                               const platform::Date& received_on, v1::Submission* out,
                               grpc::ClientContext* context = nullptr) {
    const auto request = list_request(unit, ids, &received_on);
    if (context != nullptr) return stub_->SubmitList(context, request, out);
    return stub_->SubmitList(client_context(commune(unit)).get(), request, out);
  }

  // The audit entry of the SubmitList call that made `submission_id` (written in the background,
  // shortly after): who entered it, and the day claimed.
  std::string audited(const std::string& column, std::int64_t submission_id) {
    std::string value;
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (value.empty() && std::chrono::steady_clock::now() < until) {
      value = scalar("SELECT " + column +
                     " FROM audit_log WHERE method LIKE '%SubmitList' AND outcome = 'ok' AND "
                     "changes->>'submission_id' = '" +
                     std::to_string(submission_id) + "'");
      if (value.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return value;
  }

  static constexpr platform::Date kListsDue{2024, 2, 22};
  std::string seed_campaign_;
};

TEST_F(ReceivedOnTest, AListReceivedBeforeTheDueDayIsOnTimeWhenEnteredToday) {
  const auto a = registered(household("R-1", kPhuTuc, "Trần Văn Nhận", 1961));
  v1::Submission submission;
  const platform::Date received{2024, 2, 20};
  auto status = submit_received(kPhuTuc, {a.id()}, received, &submission);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_FALSE(submission.late());
  EXPECT_EQ(date_of(submission.received_on()), received);
  EXPECT_EQ(date_of(submission.deadline()), kListsDue);
  // Entered today, years after it arrived.
  EXPECT_EQ(platform::Date::in_vietnam(std::chrono::system_clock::time_point{
                std::chrono::seconds(submission.submitted_at().seconds())}),
            platform::Date::today_in_vietnam());
  EXPECT_EQ(scalar("SELECT received_on::text FROM submission WHERE id = " +
                   std::to_string(submission.id())),
            "2024-02-20");
  // On time: the district reviews it without anyone letting it through.
  ASSERT_TRUE(review(seed_campaign_, a.id(), v1::REVIEW_DECISION_APPROVE, district()).ok());
  // Auditors see who entered it, when, and the day they claimed.
  EXPECT_EQ(audited("changes->>'received_on'", submission.id()), "2024-02-20");
  EXPECT_EQ(audited("subject", submission.id()), std::string("cb-xa-") + kPhuTuc);
  EXPECT_EQ(audited("(occurred_at AT TIME ZONE INTERVAL '+07:00')::date::text", submission.id()),
            platform::Date::today_in_vietnam().iso());
}

TEST_F(ReceivedOnTest, AListReceivedAfterTheDueDayIsLateAndNeedsTheOverride) {
  const auto b = registered(household("R-2", kPhuCuong, "Lê Thị Muộn", 1958));
  v1::Submission submission;
  auto status = submit_received(kPhuCuong, {b.id()}, {2024, 2, 25}, &submission);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_TRUE(submission.late());
  EXPECT_EQ(date_of(submission.received_on()), (platform::Date{2024, 2, 25}));

  status = review(seed_campaign_, b.id(), v1::REVIEW_DECISION_APPROVE, district());
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(platform::rpc::read_error_details(status).reason, "LATE_NOT_OVERRIDDEN");

  v1::OverrideLateSubmissionRequest let_through;
  let_through.set_request_id(request_id("override"));
  let_through.set_submission_id(submission.id());
  let_through.set_reason("Xã gửi chậm ba ngày; Ban Thường trực đồng ý xét");
  v1::Submission overridden;
  ASSERT_TRUE(stub_
                  ->OverrideLateSubmission(client_context(district("pho-chu-tich")).get(),
                                           let_through, &overridden)
                  .ok());
  EXPECT_EQ(date_of(overridden.received_on()), (platform::Date{2024, 2, 25}));
  EXPECT_TRUE(review(seed_campaign_, b.id(), v1::REVIEW_DECISION_APPROVE, district()).ok());
}

TEST_F(ReceivedOnTest, ANewVersionIsJudgedOnItsOwnReceivedDay) {
  const auto a = registered(household("R-3", kPhuTuc, "Đỗ Văn Thay", 1963));
  const auto b = registered(household("R-4", kPhuTuc, "Đỗ Thị Đổi", 1966));
  v1::Submission first, second, third;
  ASSERT_TRUE(submit_received(kPhuTuc, {a.id(), b.id()}, {2024, 2, 20}, &first).ok());
  // Received on the due day itself: still on time, so it replaces the first.
  auto status = submit_received(kPhuTuc, {a.id()}, kListsDue, &second);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(second.version(), 2);
  EXPECT_FALSE(second.late());
  // Received the day after: the list sent is no longer changed.
  status = submit_received(kPhuTuc, {a.id(), b.id()}, {2024, 2, 23}, &third);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(platform::rpc::read_error_details(status).reason, "DEADLINE_PASSED");
}

TEST_F(ReceivedOnTest, AReceivedDayInTheFutureBeforeTheCampaignOrNoDayIsRefused) {
  const auto a = registered(household("R-5", kPhuTuc, "Vũ Văn Sớm", 1970));
  const auto tomorrow = platform::Date::today_in_vietnam().next_day();
  for (const platform::Date& day :
       {tomorrow, platform::Date{2024, 2, 2}, platform::Date{2024, 2, 30}}) {
    v1::Submission out;
    auto context = client_context(commune(kPhuTuc));
    const auto status = submit_received(kPhuTuc, {a.id()}, day, &out, context.get());
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << day.iso();
    EXPECT_EQ(error_field(*context), "received_on") << day.iso();
    EXPECT_NE(platform::rpc::read_error_details(status).vietnamese.find("«received_on»"),
              std::string::npos)
        << platform::rpc::read_error_details(status).vietnamese;
  }
  EXPECT_EQ(scalar("SELECT count(*) FROM submission WHERE campaign_id = '" + seed_campaign_ + "'"),
            "0");
  // Unset: received today, which is long after this campaign's lists were due.
  v1::Submission today;
  const auto request = list_request(kPhuTuc, {a.id()}, nullptr);
  ASSERT_TRUE(stub_->SubmitList(client_context(commune(kPhuTuc)).get(), request, &today).ok());
  EXPECT_EQ(date_of(today.received_on()), platform::Date::today_in_vietnam());
  EXPECT_TRUE(today.late());
}

}  // namespace
}  // namespace vnn::testing
