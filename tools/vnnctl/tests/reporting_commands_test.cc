// vnnctl's report commands without the service: the words and labels officers read, days to a
// deadline, the share of the target, the file formats --out takes, the tables, and the binary's
// help and its refusals of what it cannot send.

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <sstream>
#include <string>

#include "call_errors.h"
#include "command_run.h"
#include "reporting_labels.h"

namespace vnn::cli {
namespace {

TEST(VnnctlReportingLabels, WordsDeadlinesAndDays) {
  EXPECT_EQ(report_word_label("bank_transfer", false), "Chuyển khoản");
  EXPECT_EQ(report_word_label("member_organisation", false), "Tổ chức thành viên");
  EXPECT_EQ(report_word_label("anonymous", true), "anonymous");
  EXPECT_EQ(report_word_label("Tiền mặt", false), "Tiền mặt");  // already a label
  EXPECT_EQ(deadline_label(rep::DEADLINE_HOUSEHOLD_LIST, false), "Nộp danh sách hộ");
  EXPECT_EQ(deadline_label(rep::DEADLINE_RESULTS_REPORT, true), "results report");
  EXPECT_EQ(days_left_label(3, false), "còn 3 ngày");
  EXPECT_EQ(days_left_label(0, false), "hôm nay");
  EXPECT_EQ(days_left_label(-5, false), "quá 5 ngày");
  EXPECT_EQ(days_left_label(-1, true), "1 day late");
  EXPECT_EQ(days_left_label(2, true), "2 days left");
}

TEST(VnnctlReportingLabels, ShareOfTheTargetAndFreshness) {
  rep::UnitProgress u;
  EXPECT_EQ(target_share(u), "");  // no target
  u.mutable_target()->mutable_amount()->set_dong(200'000'000);
  u.mutable_received()->mutable_cash()->set_dong(125'000'000);
  EXPECT_EQ(target_share(u), "63%");
  rep::Freshness f;
  EXPECT_EQ(freshness_line(f, false), "chưa cập nhật sự kiện nào");
  f.set_events_applied(1204);
  f.mutable_event_at()->set_seconds(1'709'254'800);    // 01/03/2024 08:00 in Vietnam
  f.mutable_applied_at()->set_seconds(1'709'254'801);  // a second later
  EXPECT_EQ(freshness_line(f, false),
            "số liệu đến sự kiện thứ 1.204 (xảy ra 01/03/2024 08:00, cập nhật 01/03/2024 08:00)");
}

TEST(VnnctlReportingLabels, ExportFormatFromTheFileName) {
  EXPECT_EQ(export_format_of("bao-cao.csv"), rep::EXPORT_FORMAT_CSV);
  EXPECT_EQ(export_format_of("/tmp/x/Bao-Cao.XLSX"), rep::EXPORT_FORMAT_XLSX);
  EXPECT_EQ(export_format_of("bao-cao.xls"), std::nullopt);
  EXPECT_EQ(export_format_of("bao-cao"), std::nullopt);
  EXPECT_EQ(export_format_of("./thu.muc/bao-cao"), std::nullopt);
}

TEST(VnnctlReportingFormat, ProgressHasTheUnitsBelowTheTotalFundsAndDeadlines) {
  rep::CampaignProgress p;
  p.set_campaign_id("dot-1");
  p.set_campaign_name("Đợt cao điểm");
  p.set_unit_code("736");
  auto* total = p.mutable_total();
  total->set_unit_code("736");
  total->set_unit_name("Huyện Định Quán");
  total->mutable_received()->set_count(3);
  total->mutable_received()->mutable_cash()->set_dong(23'530'000);
  total->mutable_households()->set_approved(4);
  total->mutable_supports()->mutable_approved()->set_dong(800'000);
  auto* commune = p.add_units();
  commune->set_unit_code("26242");
  commune->set_unit_name("Xã Phú Túc");
  commune->mutable_received()->mutable_cash()->set_dong(30'000);
  auto* fund = p.add_funds();
  fund->set_fund_id("fund-736");
  fund->set_flagged_short(true);
  p.mutable_household_lists_due()->set_year(2024);
  p.mutable_household_lists_due()->set_month(2);
  p.mutable_household_lists_due()->set_day(22);
  std::ostringstream vi;
  print_progress(vi, p, false);
  for (const char* text :
       {"đợt dot-1 — Đợt cao điểm", "đơn vị 736 Huyện Định Quán", "theo đơn vị hành chính lúc đó",
        "Xã Phú Túc", "Cộng", "23.530.000 đ", "800.000 đ", "THIẾU", "Hạn nộp danh sách: 22/02/2024",
        "chưa cập nhật sự kiện nào"}) {
    EXPECT_NE(vi.str().find(text), std::string::npos) << text << "\n" << vi.str();
  }
  p.set_view(rep::UNIT_VIEW_RESTATED);
  std::ostringstream en;
  print_progress(en, p, true);
  EXPECT_NE(en.str().find("restated into today's units"), std::string::npos) << en.str();
  EXPECT_NE(en.str().find("Total"), std::string::npos) << en.str();
}

TEST(VnnctlReportingFormat, ReconciliationShowsEachDifference) {
  rep::Reconciliation r;
  r.set_campaign_id("dot-1");
  r.set_figures_compared(12);
  std::ostringstream same;
  print_reconciliation(same, r, false);
  EXPECT_NE(same.str().find("mọi số liệu khớp đến từng đồng"), std::string::npos) << same.str();
  auto* d = r.add_differences();
  d->set_source("donation");
  d->set_fund_id("fund-736");
  d->set_figure("received");
  d->mutable_theirs()->set_dong(23'530'000);
  d->mutable_ours()->set_dong(23'500'000);
  r.set_consumer_lag(2);
  std::ostringstream differ;
  print_reconciliation(differ, r, false);
  for (const char* text : {"CHÊNH LỆCH: 1 số liệu không khớp", "23.530.000 đ", "23.500.000 đ",
                           "-30.000 đ", "2 sự kiện chưa kịp cập nhật"}) {
    EXPECT_NE(differ.str().find(text), std::string::npos) << text << "\n" << differ.str();
  }
}

CommandRun run(const std::string& arguments) {
  return run_shell(std::string(VNN_VNNCTL_BINARY) + " --reporting-target 127.0.0.1:1 " + arguments);
}

TEST(VnnctlReportingCommands, EveryCommandHasHelpWithAnExample) {
  for (const char* command :
       {"report progress", "report lagging", "report watch", "report final", "report submit",
        "report commendation", "report disclosure", "report reconcile"}) {
    const CommandRun help = run(std::string(command) + " --help");
    EXPECT_EQ(help.exit_code, 0) << command << "\n" << help.output;
    EXPECT_NE(help.output.find("Example:\n  vnnctl " + std::string(command)), std::string::npos)
        << command << "\n"
        << help.output;
  }
  const CommandRun top = run("--help");
  EXPECT_NE(top.output.find("--reporting-target"), std::string::npos) << top.output;
  EXPECT_NE(top.output.find("VNN_REPORTING_TARGET"), std::string::npos) << top.output;
}

TEST(VnnctlReportingCommands, WhatCannotBeSentIsRefusedBeforeAnyCall) {
  const CommandRun no_campaign = run("report progress --unit 736");
  EXPECT_NE(no_campaign.exit_code, 0);
  EXPECT_NE(no_campaign.output.find("--campaign"), std::string::npos) << no_campaign.output;
  const CommandRun bad_file = run("report final --campaign c --unit 736 --out bao-cao.pdf");
  EXPECT_NE(bad_file.exit_code, 0);
  EXPECT_NE(bad_file.output.find(".csv or .xlsx"), std::string::npos) << bad_file.output;
  const CommandRun bad_limit = run("report commendation --campaign c --limit 500");
  EXPECT_NE(bad_limit.exit_code, 0);
  EXPECT_NE(bad_limit.output.find("--limit"), std::string::npos) << bad_limit.output;
  const CommandRun bad_date = run("report lagging --campaign c --as-of 22/02/2024");
  EXPECT_NE(bad_date.exit_code, 0);
  EXPECT_NE(bad_date.output.find("--as-of"), std::string::npos) << bad_date.output;
}

TEST(VnnctlReportingCommands, AnUnreachableServiceIsACleanRefusal) {
  const CommandRun progress = run("report progress --campaign c");
  EXPECT_EQ(progress.exit_code, kExitUnavailable) << progress.output;
  EXPECT_EQ(progress.output.rfind("vnnctl: ", 0), 0u) << progress.output;
}

}  // namespace
}  // namespace vnn::cli
