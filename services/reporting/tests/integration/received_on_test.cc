// The day the district office received a commune's household list or results report
// (received_on): paper ones are entered days after they arrived, so lateness and the lagging
// units are judged on that day. The campaign follows the seed plan: lists due 22/02/2024, the
// results report due 19/05/2024; everything here is entered today, long after both.

#include <thread>

#include "reporting_fixture.h"
#include "vnn/platform/date.h"
#include "vnn/platform/proto_convert.h"

namespace vnn::testing {
namespace {

namespace hv1 = household_review::v1;
namespace rv1 = reporting::v1;

class ReceivedOnTest : public ReportingFixture {
 protected:
  void SetUp() override {
    ReportingFixture::SetUp();
    seed_campaign_ = add_campaign_with_deadlines({2024, 2, 22}, {2024, 5, 19});
  }

  // Registers one household in `unit` and submits it as the commune's list, received on
  // `received_on`; the submission (empty on error, which fails the test).
  hv1::Submission list_received(const std::string& unit, const platform::Date& received_on) {
    hv1::Household h;
    h.set_household_code("RO-" + unit + "-" + suffix_);
    h.set_unit_code(unit);
    h.set_hamlet("Ấp " + suffix_ + "-" + unit);
    h.set_address("Tổ 5, " + h.hamlet());
    h.set_poverty_status(hv1::POVERTY_STATUS_POOR);
    h.set_poverty_standard("2022-2025");
    h.set_classified_year(2023);
    h.set_housing(hv1::HOUSING_TEMPORARY);
    h.mutable_head()->set_full_name(unit == kPhuTuc ? "Ngô Văn Đúng" : "Ngô Thị Chậm");
    h.mutable_head()->set_birth_year(1962);
    hv1::RegisterHouseholdRequest request;
    request.set_request_id(request_id("register"));
    *request.mutable_household() = h;
    hv1::Household household;
    auto status =
        households_->RegisterHousehold(client_context(commune(unit)).get(), request, &household);
    EXPECT_TRUE(status.ok()) << status.error_message();
    hv1::SubmitListRequest submit;
    submit.set_request_id(request_id("submit"));
    submit.set_campaign_id(seed_campaign_);
    submit.set_unit_code(unit);
    submit.set_proposal_reference("15/TTr-UBND");
    submit.add_household_ids(household.id());
    platform::to_proto(received_on, submit.mutable_received_on());
    hv1::Submission out;
    status = households_->SubmitList(client_context(commune(unit)).get(), submit, &out);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return out;
  }

  grpc::Status report(const std::string& unit, const platform::Date& received_on,
                      rv1::ResultsReportReceipt* out) {
    rv1::SubmitResultsReportRequest request;
    request.set_request_id(request_id("results"));
    request.set_campaign_id(seed_campaign_);
    request.set_unit_code(unit);
    request.set_note("Báo cáo kết quả đợt cao điểm (bản giấy)");
    platform::to_proto(received_on, request.mutable_received_on());
    return reporting_->SubmitResultsReport(client_context(commune(unit)).get(), request, out);
  }

  rv1::LaggingUnits lagging(const platform::Date& as_of) {
    rv1::ListLaggingUnitsRequest request;
    request.set_campaign_id(seed_campaign_);
    request.set_unit_code(kDistrict);
    platform::to_proto(as_of, request.mutable_as_of());
    rv1::LaggingUnits out;
    const auto status =
        reporting_->ListLaggingUnits(client_context(district()).get(), request, &out);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return out;
  }

  static const rv1::LaggingUnit* find(const rv1::LaggingUnits& list, const std::string& unit,
                                      rv1::Deadline deadline) {
    for (const auto& u : list.units()) {
      if (u.unit_code() == unit && u.deadline() == deadline) return &u;
    }
    return nullptr;
  }

  std::string seed_campaign_;
};

TEST_F(ReceivedOnTest, AResultsReportIsJudgedOnTheDayTheDistrictReceivedIt) {
  // A day in the future, or before the campaign, is refused on the field; nothing is kept.
  rv1::ResultsReportReceipt refused;
  for (const platform::Date& day :
       {platform::Date::today_in_vietnam().next_day(), platform::Date{2024, 2, 2}}) {
    const auto status = report(kPhuTuc, day, &refused);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << day.iso();
    const auto why = details(status);
    EXPECT_EQ(why.field, "received_on") << day.iso();
    EXPECT_NE(why.vietnamese.find("«received_on»"), std::string::npos) << why.vietnamese;
  }
  EXPECT_EQ(reporting_scalar("SELECT count(*) FROM results_report WHERE campaign_id = '" +
                             seed_campaign_ + "'"),
            "0");

  // Received on the due day: on time, though entered today.
  rv1::ResultsReportReceipt on_time;
  auto status = report(kPhuTuc, {2024, 5, 19}, &on_time);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_FALSE(on_time.late());
  EXPECT_EQ(platform::from_proto(on_time.received_on()), (platform::Date{2024, 5, 19}));
  // Received two days after it: late.
  rv1::ResultsReportReceipt late;
  status = report(kPhuCuong, {2024, 5, 21}, &late);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_TRUE(late.late());
  EXPECT_EQ(platform::from_proto(late.received_on()), (platform::Date{2024, 5, 21}));
  EXPECT_EQ(reporting_scalar("SELECT received_on::text || ' ' || late FROM results_report WHERE "
                             "campaign_id = '" +
                             seed_campaign_ + "' AND unit_code = '" + kPhuCuong + "'"),
            "2024-05-21 true");

  // As of 20/05 Phú Cường's report had not arrived: it lagged one day past the deadline.
  auto list = lagging({2024, 5, 20});
  EXPECT_EQ(find(list, kPhuTuc, rv1::DEADLINE_RESULTS_REPORT), nullptr);
  const auto* lag = find(list, kPhuCuong, rv1::DEADLINE_RESULTS_REPORT);
  ASSERT_NE(lag, nullptr) << list.ShortDebugString();
  EXPECT_EQ(lag->days_left(), -1);
  // From 21/05 it no longer lags.
  list = lagging({2024, 5, 21});
  EXPECT_EQ(find(list, kPhuCuong, rv1::DEADLINE_RESULTS_REPORT), nullptr);

  // Auditors see who entered it, when, and the day claimed.
  std::string claimed;
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (claimed.empty() && std::chrono::steady_clock::now() < until) {
    claimed = reporting_scalar(
        "SELECT subject || ' ' || (occurred_at AT TIME ZONE INTERVAL '+07:00')::date::text || ' ' "
        "|| (changes->'results_report'->>'received_on') FROM audit_log WHERE method LIKE "
        "'%SubmitResultsReport' AND outcome = 'ok' AND changes->'results_report'->>'unit_code' = "
        "'" +
        std::string(kPhuCuong) + "' AND changes->'results_report'->>'campaign_id' = '" +
        seed_campaign_ + "'");
    if (claimed.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_EQ(claimed, std::string("cb-xa-") + kPhuCuong + " " +
                         platform::Date::today_in_vietnam().iso() + " 2024-05-21");
}

TEST_F(ReceivedOnTest, AListIsFlaggedLateAndLagsByTheDayTheDistrictReceivedIt) {
  // Both entered today: Phú Túc's list arrived on 20/02, Phú Cường's on 25/02 (due 22/02).
  const auto on_time = list_received(kPhuTuc, {2024, 2, 20});
  EXPECT_FALSE(on_time.late());
  const auto late = list_received(kPhuCuong, {2024, 2, 25});
  EXPECT_TRUE(late.late());

  // The read model counts the late list by its received day.
  const auto progress = wait_for_progress(
      seed_campaign_, kDistrict,
      [](const Progress& p) { return p.total().households().submitted() == 2; },
      "both lists' households");
  EXPECT_EQ(progress.total().households().late(), 1);
  for (const auto& unit : progress.units()) {
    if (unit.unit_code() == kPhuCuong) {
      EXPECT_EQ(unit.households().late(), 1);
    } else if (unit.unit_code() == kPhuTuc) {
      EXPECT_EQ(unit.households().late(), 0);
    }
  }
  EXPECT_EQ(reporting_scalar("SELECT string_agg(unit_code || ' ' || received_on::text || ' ' || "
                             "late, ', ' ORDER BY received_on) FROM list_submission WHERE "
                             "campaign_id = '" +
                             seed_campaign_ + "'"),
            std::string(kPhuTuc) + " 2024-02-20 false, " + kPhuCuong + " 2024-02-25 true");

  // As of 21/02 Phú Cường had not sent its list (one day left); Phú Túc had.
  auto list = lagging({2024, 2, 21});
  EXPECT_EQ(find(list, kPhuTuc, rv1::DEADLINE_HOUSEHOLD_LIST), nullptr);
  const auto* lag = find(list, kPhuCuong, rv1::DEADLINE_HOUSEHOLD_LIST);
  ASSERT_NE(lag, nullptr) << list.ShortDebugString();
  EXPECT_EQ(lag->days_left(), 1);
  // As of 24/02 it lagged two days past the deadline; from 25/02 it no longer lags.
  list = lagging({2024, 2, 24});
  ASSERT_NE(find(list, kPhuCuong, rv1::DEADLINE_HOUSEHOLD_LIST), nullptr);
  EXPECT_EQ(find(list, kPhuCuong, rv1::DEADLINE_HOUSEHOLD_LIST)->days_left(), -2);
  list = lagging({2024, 2, 25});
  EXPECT_EQ(find(list, kPhuCuong, rv1::DEADLINE_HOUSEHOLD_LIST), nullptr);
}

}  // namespace
}  // namespace vnn::testing
