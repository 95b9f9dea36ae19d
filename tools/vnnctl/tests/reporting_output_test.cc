// vnnctl's report commands against a stand-in reporting service that answers with fixed figures:
// the tables officers read, --json, the export streamed into a file (and no file when the stream
// breaks), the watch printing each snapshot and stopping cleanly on Ctrl-C, paging, the request
// id of a submission, reconciliation's exit code, and methods the service lacks.

#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>

#include "call_errors.h"
#include "stand_in_server.h"
#include "vnn/reporting/v1/reporting.grpc.pb.h"

namespace vnn::cli {
namespace {

namespace rep = reporting::v1;

void money(vnn::common::v1::Money* out, std::int64_t dong) { out->set_dong(dong); }

rep::CampaignProgress progress_of(const std::string& campaign, const std::string& unit,
                                  std::int64_t cash, std::int64_t events) {
  rep::CampaignProgress p;
  p.set_campaign_id(campaign);
  p.set_campaign_name("Đợt cao điểm vận động Quỹ \"Vì người nghèo\"");
  p.set_unit_code(unit.empty() ? "736" : unit);
  auto* total = p.mutable_total();
  total->set_unit_code(p.unit_code());
  total->set_unit_name("Huyện Định Quán");
  total->mutable_received()->set_count(4);
  money(total->mutable_received()->mutable_cash(), cash);
  money(total->mutable_target()->mutable_amount(), 100'000'000);
  total->mutable_households()->set_approved(4);
  total->mutable_households()->set_supported(1);
  money(total->mutable_supports()->mutable_approved(), 800'000);
  auto* commune = p.add_units();
  commune->set_unit_code("26242");
  commune->set_unit_name("Xã Phú Túc");
  money(commune->mutable_received()->mutable_cash(), 30'000);
  auto* fund = p.add_funds();
  fund->set_fund_id("fund-736");
  fund->set_unit_code("736");
  fund->set_name("Quỹ \"Vì người nghèo\" huyện Định Quán");
  money(fund->mutable_received(), cash);
  money(fund->mutable_available(), cash);
  p.mutable_freshness()->set_events_applied(events);
  return p;
}

class StandIn final : public rep::ReportingService::Service {
 public:
  grpc::Status GetCampaignProgress(grpc::ServerContext*, const rep::GetCampaignProgressRequest* r,
                                   rep::CampaignProgress* out) override {
    std::lock_guard lock(mutex_);
    last_progress_ = *r;
    *out = progress_of(r->campaign_id(), r->unit_code(), 23'530'000, 1204);
    out->set_view(r->view());
    return grpc::Status::OK;
  }

  grpc::Status WatchCampaignProgress(grpc::ServerContext* context,
                                     const rep::WatchCampaignProgressRequest* r,
                                     grpc::ServerWriter<rep::CampaignProgress>* writer) override {
    writer->Write(progress_of(r->campaign_id(), r->unit_code(), 20'000'000, 10));
    writer->Write(progress_of(r->campaign_id(), r->unit_code(), 23'530'000, 11));
    if (r->campaign_id() != "forever") return grpc::Status::OK;
    // As the service does: snapshots until the client goes away.
    while (!context->IsCancelled()) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    std::lock_guard lock(mutex_);
    watch_cancelled_ = true;
    return grpc::Status::CANCELLED;
  }

  grpc::Status ListLaggingUnits(grpc::ServerContext*, const rep::ListLaggingUnitsRequest* r,
                                rep::LaggingUnits* out) override {
    out->set_campaign_id(r->campaign_id());
    auto* late = out->add_units();
    late->set_unit_code("26242");
    late->set_unit_name("Xã Phú Túc");
    late->set_deadline(rep::DEADLINE_HOUSEHOLD_LIST);
    late->mutable_due_on()->set_year(2024);
    late->mutable_due_on()->set_month(2);
    late->mutable_due_on()->set_day(22);
    late->set_days_left(-5);
    auto* soon = out->add_units();
    soon->set_unit_code("26236");
    soon->set_unit_name("Xã Phú Cường");
    soon->set_deadline(rep::DEADLINE_RESULTS_REPORT);
    soon->set_days_left(3);
    return grpc::Status::OK;
  }

  grpc::Status ExportFinalReport(grpc::ServerContext*, const rep::ExportFinalReportRequest* r,
                                 grpc::ServerWriter<rep::ExportChunk>* writer) override {
    {
      std::lock_guard lock(mutex_);
      last_export_ = *r;
    }
    rep::ExportChunk first;
    first.set_file_name("bao-cao-ket-qua-736.csv");
    first.set_content_type("text/csv");
    first.set_data("\xEF\xBB\xBFNội dung,Số tiền\n");
    writer->Write(first);
    rep::ExportChunk second;
    second.set_data("Tiền mặt,23530000\n");
    writer->Write(second);
    if (r->report().unit_code() == "broken") {
      return grpc::Status(grpc::StatusCode::UNAVAILABLE, "database went away");
    }
    return grpc::Status::OK;
  }

  grpc::Status SubmitResultsReport(grpc::ServerContext*, const rep::SubmitResultsReportRequest* r,
                                   rep::ResultsReportReceipt* out) override {
    std::lock_guard lock(mutex_);
    last_submit_ = *r;
    out->set_campaign_id(r->campaign_id());
    out->set_unit_code(r->unit_code());
    out->set_submitted_by("cb-mttq-phu-tuc");
    out->mutable_submitted_at()->set_seconds(1'716'094'800);  // 19/05/2024 12:00 in Vietnam
    out->set_late(r->unit_code() == "26236");
    return grpc::Status::OK;
  }

  grpc::Status GetCommendation(grpc::ServerContext*, const rep::GetCommendationRequest* r,
                               rep::Commendation* out) override {
    std::lock_guard lock(mutex_);
    last_commendation_ = *r;
    out->set_campaign_id(r->campaign_id());
    out->set_kind(r->kind());
    auto* e = out->add_entries();
    e->set_rank(1);
    e->set_name(r->kind() == rep::COMMENDATION_KIND_MOBILISERS ? "Hội Liên hiệp Phụ nữ huyện"
                                                               : "Doanh nghiệp A (minh họa)");
    e->set_kind(r->kind() == rep::COMMENDATION_KIND_MOBILISERS ? "member_organisation"
                                                               : "business");
    e->set_unit_code("736");
    e->set_count(2);
    money(e->mutable_amount(), 20'000'000);
    return grpc::Status::OK;
  }

  grpc::Status GetDisclosure(grpc::ServerContext*, const rep::GetDisclosureRequest* r,
                             rep::Disclosure* out) override {
    out->set_fund_id(r->fund_id());
    out->set_fund_name("Quỹ \"Vì người nghèo\" huyện Định Quán");
    out->set_side(r->side());
    money(out->mutable_total_received(), 23'530'000);
    money(out->mutable_total_used(), 800'000);
    money(out->mutable_balance(), 22'730'000);
    const bool first = r->page().page_token().empty();
    if (r->side() == rep::DISCLOSURE_SIDE_USED) {
      auto* e = out->add_used();
      e->set_household(first ? "Nguyễn V. A" : "Trần T. B");
      e->set_unit_code("26242");
      e->set_unit_name("Xã Phú Túc");
      e->set_kind("Lương thực, quà");
      money(e->mutable_amount(), 400'000);
    } else {
      auto* e = out->add_received();
      e->set_donor(first ? "Doanh nghiệp A (minh họa)" : "Nhà hảo tâm ẩn danh");
      e->set_channel(first ? "bank_transfer" : "cash");
      money(e->mutable_amount(), first ? 20'000'000 : 500'000);
    }
    if (first) out->mutable_page()->set_next_page_token("p2");
    return grpc::Status::OK;
  }

  grpc::Status Reconcile(grpc::ServerContext*, const rep::ReconcileRequest* r,
                         rep::Reconciliation* out) override {
    out->set_campaign_id(r->campaign_id());
    out->set_figures_compared(12);
    if (r->campaign_id() == "bad") {
      auto* d = out->add_differences();
      d->set_source("allocation");
      d->set_fund_id("fund-736");
      d->set_figure("reserved");
      money(d->mutable_theirs(), 800'000);
      money(d->mutable_ours(), 400'000);
    }
    return grpc::Status::OK;
  }

  std::mutex mutex_;
  rep::GetCampaignProgressRequest last_progress_;
  rep::ExportFinalReportRequest last_export_;
  rep::SubmitResultsReportRequest last_submit_;
  rep::GetCommendationRequest last_commendation_;
  bool watch_cancelled_ = false;
};

class VnnctlReportingOutput : public StandInServerTest<StandIn> {
 protected:
  VnnctlReportingOutput() : StandInServerTest("--reporting-target") {}
  void SetUp() override {
    StandInServerTest::SetUp();
    dir_ = std::filesystem::temp_directory_path() /
           ("vnnctl-report-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override {
    StandInServerTest::TearDown();
    std::filesystem::remove_all(dir_);
  }

  std::filesystem::path dir_;
};

TEST_F(VnnctlReportingOutput, ProgressInVietnameseForTheUnitAndTheView) {
  const CommandRun r = run("report progress --campaign dot-1 --unit 736 --restated");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  for (const char* text :
       {"đợt dot-1 — Đợt cao điểm vận động Quỹ \"Vì người nghèo\"", "đơn vị 736 Huyện Định Quán",
        "quy về đơn vị hành chính hiện nay", "Lượt ủng hộ", "Xã Phú Túc", "Cộng", "23.530.000 đ",
        "100.000.000 đ", "24%", "fund-736", "hộ: đã gửi 0, được duyệt 4",
        "số liệu đến sự kiện thứ 1.204"}) {
    EXPECT_TRUE(has(r, text)) << text << "\n" << r.output;
  }
  {
    std::lock_guard lock(service_.mutex_);
    EXPECT_EQ(service_.last_progress_.unit_code(), "736");
    EXPECT_EQ(service_.last_progress_.view(), rep::UNIT_VIEW_RESTATED);
  }
  const CommandRun json = run("report progress --campaign dot-1 --json");
  EXPECT_EQ(json.output.rfind("{\"campaign_id\":\"dot-1\"", 0), 0u) << json.output;
  EXPECT_TRUE(has(json, "\"view\":\"UNIT_VIEW_AS_OF_THEN\"")) << json.output;
  const CommandRun en = run("--lang en report progress --campaign dot-1");
  EXPECT_TRUE(has(en, "Households approved")) << en.output;
}

TEST_F(VnnctlReportingOutput, LaggingShowsDaysToOrPastEachDeadline) {
  const CommandRun r = run("report lagging --campaign dot-1 --unit 736 --as-of 2024-02-27");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  for (const char* text : {"Xã Phú Túc", "Nộp danh sách hộ", "22/02/2024", "quá 5 ngày",
                           "Báo cáo kết quả", "còn 3 ngày", "2 đơn vị chưa hoàn thành"}) {
    EXPECT_TRUE(has(r, text)) << text << "\n" << r.output;
  }
}

TEST_F(VnnctlReportingOutput, WatchPrintsEachSnapshotUntilTheStreamEnds) {
  const CommandRun r = run("report watch --campaign dot-1 --unit 736");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(has(r, "cập nhật lần 1")) << r.output;
  EXPECT_TRUE(has(r, "20.000.000 đ")) << r.output;
  EXPECT_TRUE(has(r, "cập nhật lần 2")) << r.output;
  EXPECT_TRUE(has(r, "số liệu đến sự kiện thứ 11")) << r.output;
  const CommandRun json = run("report watch --campaign dot-1 --json");
  std::istringstream lines(json.output);
  std::string line;
  int documents = 0;
  while (std::getline(lines, line)) {
    EXPECT_EQ(line.rfind("{\"campaign_id\":\"dot-1\"", 0), 0u) << line;
    ++documents;
  }
  EXPECT_EQ(documents, 2) << json.output;
}

TEST_F(VnnctlReportingOutput, WatchStopsCleanlyOnCtrlC) {
  int out[2];
  ASSERT_EQ(::pipe(out), 0);
  const std::string target_arg = target();
  const pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    ::dup2(out[1], 1);
    ::dup2(out[1], 2);
    ::close(out[0]);
    ::execl(VNN_VNNCTL_BINARY, VNN_VNNCTL_BINARY, "--reporting-target", target_arg.c_str(),
            "report", "watch", "--campaign", "forever", static_cast<char*>(nullptr));
    ::_exit(127);
  }
  ::close(out[1]);
  // Read until the second snapshot is printed, then press Ctrl-C.
  std::string printed;
  std::array<char, 4096> buffer{};
  while (printed.find("cập nhật lần 2") == std::string::npos ||
         printed.find("số liệu đến sự kiện thứ 11") == std::string::npos) {
    const ssize_t n = ::read(out[0], buffer.data(), buffer.size());
    if (n <= 0) break;
    printed.append(buffer.data(), static_cast<std::size_t>(n));
  }
  ASSERT_NE(printed.find("cập nhật lần 2"), std::string::npos) << printed;
  ::kill(pid, SIGINT);
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  while (::read(out[0], buffer.data(), buffer.size()) > 0) {
  }
  ::close(out[0]);
  EXPECT_TRUE(WIFEXITED(status)) << "ended by signal " << WTERMSIG(status);
  EXPECT_EQ(WEXITSTATUS(status), 0);
  // The service sees the stream cancelled.
  for (int i = 0; i < 100; ++i) {
    {
      std::lock_guard lock(service_.mutex_);
      if (service_.watch_cancelled_) break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  std::lock_guard lock(service_.mutex_);
  EXPECT_TRUE(service_.watch_cancelled_);
}

TEST_F(VnnctlReportingOutput, FinalOutStreamsTheExportIntoTheFile) {
  const auto file = dir_ / "bao-cao-736.csv";
  const CommandRun r =
      run("report final --campaign dot-1 --unit 736 --out " + file.string() + " --restated");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(has(r, "đã ghi " + file.string())) << r.output;
  EXPECT_TRUE(has(r, "bao-cao-ket-qua-736.csv")) << r.output;
  std::ifstream in(file, std::ios::binary);
  std::stringstream content;
  content << in.rdbuf();
  EXPECT_EQ(content.str(), "\xEF\xBB\xBFNội dung,Số tiền\nTiền mặt,23530000\n");
  EXPECT_FALSE(std::filesystem::exists(file.string() + ".part"));
  std::lock_guard lock(service_.mutex_);
  EXPECT_EQ(service_.last_export_.format(), rep::EXPORT_FORMAT_CSV);
  EXPECT_EQ(service_.last_export_.report().view(), rep::UNIT_VIEW_RESTATED);
  EXPECT_EQ(service_.last_export_.report().language(), "vi");
}

TEST_F(VnnctlReportingOutput, FinalOutAsksForXlsxAndLeavesNoFileWhenTheStreamBreaks) {
  const auto file = dir_ / "bao-cao.XLSX";
  const CommandRun r =
      run("--lang en report final --campaign dot-1 --unit broken --out " + file.string());
  EXPECT_EQ(r.exit_code, kExitUnavailable) << r.output;
  EXPECT_FALSE(std::filesystem::exists(file));
  EXPECT_FALSE(std::filesystem::exists(file.string() + ".part"));
  std::lock_guard lock(service_.mutex_);
  EXPECT_EQ(service_.last_export_.format(), rep::EXPORT_FORMAT_XLSX);
  EXPECT_EQ(service_.last_export_.report().language(), "en");
}

TEST_F(VnnctlReportingOutput, SubmitSendsARequestIdAndShowsTheReceipt) {
  const CommandRun r =
      run("report submit --campaign dot-1 --unit 26242 --note 'Đã họp' --request-id s-1");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(has(r,
                  "đã gửi báo cáo kết quả của 26242 — đợt dot-1 lúc 19/05/2024 12:00 bởi "
                  "cb-mttq-phu-tuc"))
      << r.output;
  EXPECT_FALSE(has(r, "NỘP TRỄ")) << r.output;
  {
    std::lock_guard lock(service_.mutex_);
    EXPECT_EQ(service_.last_submit_.request_id(), "s-1");
    EXPECT_EQ(service_.last_submit_.note(), "Đã họp");
  }
  const CommandRun late = run("report submit --campaign dot-1 --unit 26236");
  EXPECT_TRUE(has(late, "NỘP TRỄ")) << late.output;
  std::lock_guard lock(service_.mutex_);
  EXPECT_EQ(service_.last_submit_.request_id().size(), 36u);  // a new UUID
}

TEST_F(VnnctlReportingOutput, CommendationOfDonorsOrMobilisers) {
  const CommandRun donors = run("report commendation --campaign dot-1");
  EXPECT_EQ(donors.exit_code, 0) << donors.output;
  EXPECT_TRUE(has(donors, "Nhà hảo tâm — đợt dot-1")) << donors.output;
  EXPECT_TRUE(has(donors, "Doanh nghiệp A (minh họa)")) << donors.output;
  EXPECT_TRUE(has(donors, "20.000.000 đ")) << donors.output;
  const CommandRun mobilisers =
      run("report commendation --campaign dot-1 --unit 736 --mobilisers --limit 10");
  EXPECT_TRUE(has(mobilisers, "Tổ chức thành viên")) << mobilisers.output;
  std::lock_guard lock(service_.mutex_);
  EXPECT_EQ(service_.last_commendation_.kind(), rep::COMMENDATION_KIND_MOBILISERS);
  EXPECT_EQ(service_.last_commendation_.limit(), 10);
  EXPECT_EQ(service_.last_commendation_.unit_code(), "736");
}

TEST_F(VnnctlReportingOutput, DisclosureOnePageOrAll) {
  const CommandRun first = run("report disclosure --fund fund-736");
  EXPECT_EQ(first.exit_code, 0) << first.output;
  for (const char* text :
       {"quỹ fund-736", "đã nhận", "Doanh nghiệp A (minh họa)", "Chuyển khoản", "1 khoản",
        "tổng đã nhận 23.530.000 đ", "còn lại 22.730.000 đ", "--page-token p2"}) {
    EXPECT_TRUE(has(first, text)) << text << "\n" << first.output;
  }
  const CommandRun all = run("report disclosure --fund fund-736 --used --unit 26242 --all");
  EXPECT_TRUE(has(all, "Nguyễn V. A")) << all.output;
  EXPECT_TRUE(has(all, "Trần T. B")) << all.output;
  EXPECT_TRUE(has(all, "2 khoản")) << all.output;
  EXPECT_FALSE(has(all, "p2")) << all.output;
  const CommandRun json = run("report disclosure --fund fund-736 --all --json");
  EXPECT_TRUE(has(json, "Nhà hảo tâm ẩn danh")) << json.output;
  EXPECT_TRUE(has(json, "Doanh nghiệp A")) << json.output;
}

TEST_F(VnnctlReportingOutput, ReconcileExitsOneWhenAFigureDiffers) {
  const CommandRun same = run("report reconcile --campaign dot-1");
  EXPECT_EQ(same.exit_code, 0) << same.output;
  EXPECT_TRUE(has(same, "mọi số liệu khớp đến từng đồng")) << same.output;
  const CommandRun differ = run("report reconcile --campaign bad");
  EXPECT_EQ(differ.exit_code, 1) << differ.output;
  EXPECT_TRUE(has(differ, "CHÊNH LỆCH")) << differ.output;
  EXPECT_TRUE(has(differ, "reserved")) << differ.output;
  EXPECT_EQ(run("report reconcile --campaign bad --json").exit_code, 1);
}

TEST_F(VnnctlReportingOutput, MethodsTheServiceLacksReadAsUnimplemented) {
  const CommandRun r = run("report final --campaign dot-1 --unit 736");
  EXPECT_EQ(r.exit_code, kExitUnsupported) << r.output;
  EXPECT_TRUE(has(r, "vnnctl: Dịch vụ ở địa chỉ này chưa hỗ trợ thao tác này.")) << r.output;
  EXPECT_TRUE(has(r, "UNIMPLEMENTED")) << r.output;
}

}  // namespace
}  // namespace vnn::cli
