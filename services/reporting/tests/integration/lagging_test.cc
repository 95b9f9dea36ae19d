// Lagging units and the results report: a commune that has not sent its household list or its
// results report is listed with the days to or past each deadline, and drops off once it has;
// a results report is sent once, late after its deadline day, with the figures as they were.

#include <thread>

#include "reporting_fixture.h"
#include "vnn/platform/date.h"
#include "vnn/platform/proto_convert.h"

namespace vnn::testing {
namespace {

namespace rv1 = reporting::v1;

int days_between(const platform::Date& from, const platform::Date& to) {
  using namespace std::chrono;
  const auto day = [](const platform::Date& d) {
    return sys_days{year{d.year} / month{static_cast<unsigned>(d.month)} /
                    std::chrono::day{static_cast<unsigned>(d.day)}};
  };
  return static_cast<int>((day(to) - day(from)).count());
}

class LaggingTest : public ReportingFixture {
 protected:
  grpc::Status lagging(const std::string& campaign, const std::string& unit, rv1::LaggingUnits* out,
                       const platform::Date* as_of = nullptr, const std::string& bearer = {}) {
    rv1::ListLaggingUnitsRequest request;
    request.set_campaign_id(campaign);
    request.set_unit_code(unit);
    if (as_of != nullptr) platform::to_proto(*as_of, request.mutable_as_of());
    return reporting_->ListLaggingUnits(client_context(bearer.empty() ? district() : bearer).get(),
                                        request, out);
  }

  static const rv1::LaggingUnit* find(const rv1::LaggingUnits& list, const std::string& unit,
                                      rv1::Deadline deadline) {
    for (const auto& u : list.units()) {
      if (u.unit_code() == unit && u.deadline() == deadline) return &u;
    }
    return nullptr;
  }

  grpc::Status submit(const std::string& campaign, const std::string& unit,
                      const std::string& request_id, rv1::ResultsReportReceipt* out,
                      const std::string& bearer = {}) {
    rv1::SubmitResultsReportRequest request;
    request.set_request_id(request_id);
    request.set_campaign_id(campaign);
    request.set_unit_code(unit);
    request.set_note("Báo cáo kết quả đợt cao điểm");
    return reporting_->SubmitResultsReport(
        client_context(bearer.empty() ? commune(unit) : bearer).get(), request, out);
  }

  const platform::Date lists_due_ = days_from_today(30);
  const platform::Date results_due_{2024, 5, 19};
};

TEST_F(LaggingTest, ACommuneLagsUntilItSendsItsListAndItsReport) {
  const auto campaign = add_campaign_with_deadlines(lists_due_, results_due_);
  const auto today = platform::Date::today_in_vietnam();

  rv1::LaggingUnits list;
  auto status = lagging(campaign, kDistrict, &list);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(list.campaign_id(), campaign);
  const auto* lists = find(list, kPhuTuc, rv1::DEADLINE_HOUSEHOLD_LIST);
  ASSERT_NE(lists, nullptr) << list.ShortDebugString();
  EXPECT_NE(lists->unit_name().find("Phú Túc"), std::string::npos) << lists->unit_name();
  EXPECT_EQ(lists->due_on().year(), lists_due_.year);
  EXPECT_EQ(lists->due_on().month(), lists_due_.month);
  EXPECT_EQ(lists->due_on().day(), lists_due_.day);
  EXPECT_EQ(lists->days_left(), days_between(today, lists_due_));
  const auto* results = find(list, kPhuTuc, rv1::DEADLINE_RESULTS_REPORT);
  ASSERT_NE(results, nullptr);
  EXPECT_EQ(results->days_left(), days_between(today, results_due_));
  EXPECT_LT(results->days_left(), 0);  // past the deadline
  EXPECT_NE(find(list, kPhuCuong, rv1::DEADLINE_RESULTS_REPORT), nullptr);
  EXPECT_EQ(find(list, kDistrict, rv1::DEADLINE_RESULTS_REPORT), nullptr);  // communes only

  // As of the day before the results report was due: one day left.
  const platform::Date eve{2024, 5, 18};
  ASSERT_TRUE(lagging(campaign, kDistrict, &list, &eve).ok());
  ASSERT_NE(find(list, kPhuTuc, rv1::DEADLINE_RESULTS_REPORT), nullptr);
  EXPECT_EQ(find(list, kPhuTuc, rv1::DEADLINE_RESULTS_REPORT)->days_left(), 1);

  // Phú Túc sends its household list: it no longer lags for the list (once the event arrives).
  ASSERT_GT(approved_household(kPhuTuc, campaign), 0);
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  for (;;) {
    ASSERT_TRUE(lagging(campaign, kDistrict, &list).ok());
    if (find(list, kPhuTuc, rv1::DEADLINE_HOUSEHOLD_LIST) == nullptr) break;
    ASSERT_LT(std::chrono::steady_clock::now(), until) << "Phú Túc still lags for its list";
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_NE(find(list, kPhuTuc, rv1::DEADLINE_RESULTS_REPORT), nullptr);
  EXPECT_NE(find(list, kPhuCuong, rv1::DEADLINE_HOUSEHOLD_LIST), nullptr);

  // Phú Túc sends its results report, after the deadline: late.
  rv1::ResultsReportReceipt receipt;
  status = submit(campaign, kPhuTuc, request_id("results"), &receipt);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(receipt.campaign_id(), campaign);
  EXPECT_EQ(receipt.unit_code(), kPhuTuc);
  EXPECT_EQ(receipt.submitted_by(), std::string("cb-xa-") + kPhuTuc);
  EXPECT_TRUE(receipt.late());
  EXPECT_GT(receipt.submitted_at().seconds(), 0);
  EXPECT_GT(receipt.freshness().events_applied(), 0);
  // The figures as they were, in the protobuf JSON mapping.
  EXPECT_EQ(reporting_scalar("SELECT snapshot->>'unitCode' FROM results_report WHERE "
                             "campaign_id = '" +
                             campaign + "' AND unit_code = '" + kPhuTuc + "'"),
            kPhuTuc);
  EXPECT_EQ(reporting_scalar("SELECT snapshot->'total'->'households'->>'submitted' FROM "
                             "results_report WHERE campaign_id = '" +
                             campaign + "'"),
            "1");

  ASSERT_TRUE(lagging(campaign, kDistrict, &list).ok());
  EXPECT_EQ(find(list, kPhuTuc, rv1::DEADLINE_HOUSEHOLD_LIST), nullptr);
  EXPECT_EQ(find(list, kPhuTuc, rv1::DEADLINE_RESULTS_REPORT), nullptr) << list.ShortDebugString();
  EXPECT_NE(find(list, kPhuCuong, rv1::DEADLINE_RESULTS_REPORT), nullptr);

  // A commune officer sees its own commune only.
  ASSERT_TRUE(lagging(campaign, kPhuCuong, &list, nullptr, commune(kPhuCuong)).ok());
  for (const auto& u : list.units()) {
    EXPECT_EQ(u.unit_code(), kPhuCuong);
  }
  EXPECT_EQ(lagging(campaign, kDistrict, &list, nullptr, commune(kPhuCuong)).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(LaggingTest, AResultsReportIsSentOnce) {
  const auto campaign = add_campaign_with_deadlines(lists_due_, results_due_);
  rv1::ResultsReportReceipt first;
  const auto id = request_id("results");
  ASSERT_TRUE(submit(campaign, kPhuCuong, id, &first).ok());

  // A retry of the same request returns the first receipt.
  rv1::ResultsReportReceipt again;
  ASSERT_TRUE(submit(campaign, kPhuCuong, id, &again).ok());
  EXPECT_EQ(again.SerializeAsString(), first.SerializeAsString());

  // A second submission is refused, even by the district.
  rv1::ResultsReportReceipt second;
  auto status = submit(campaign, kPhuCuong, request_id("results"), &second, district());
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ALREADY_EXISTS) << status.error_message();
  const auto why = details(status);
  EXPECT_EQ(why.reason, "RESULTS_REPORT_ALREADY_SENT");
  EXPECT_NE(why.vietnamese.find("đã gửi báo cáo kết quả"), std::string::npos) << why.vietnamese;

  // Another commune's officer cannot send for Phú Túc; the district office can.
  status = submit(campaign, kPhuTuc, request_id("results"), &second, commune(kPhuCuong));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  status = submit(campaign, kPhuTuc, request_id("results"), &second, district());
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(second.submitted_by(), "cb-huyen");
  // A covering note, not a document.
  rv1::SubmitResultsReportRequest long_note;
  long_note.set_request_id(request_id("results"));
  long_note.set_campaign_id(campaign);
  long_note.set_unit_code(kPhuTuc);
  long_note.set_note(std::string(4001, 'x'));
  status = reporting_->SubmitResultsReport(client_context(district()).get(), long_note, &second);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(details(status).field, "note");
  // An auditor reads but does not send.
  status = submit(campaign, kPhuTuc, request_id("results"), &second, auditor());
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
}

}  // namespace
}  // namespace vnn::testing
