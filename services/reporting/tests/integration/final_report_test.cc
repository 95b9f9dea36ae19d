// The final report end to end: a small scenario made in the services that own the facts
// (donations, a reversal, a household approved and supported) reaches the report with its
// known totals to the đồng, for the commune and for the district; the CSV and the XLSX export
// carry the same figures, the XLSX read back from its zip.

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "reporting_fixture.h"

namespace vnn::testing {
namespace {

namespace av1 = allocation::v1;
namespace rv1 = reporting::v1;

constexpr std::int64_t kCommuneDonation = 50'000'000;
constexpr std::int64_t kReversed = 1'500'000;
constexpr std::int64_t kDistrictDonation = 20'000'000;
constexpr std::int64_t kSupport = 800'000;

const rv1::ReportSection* section(const rv1::FinalReport& report, const std::string& heading) {
  for (const auto& s : report.sections()) {
    if (s.heading() == heading) return &s;
  }
  ADD_FAILURE() << "no section «" << heading << "» in " << report.ShortDebugString();
  return nullptr;
}

const rv1::ReportRow* row(const rv1::ReportSection* s, const std::string& label) {
  if (s == nullptr) return nullptr;
  for (const auto& r : s->rows()) {
    if (r.label() == label) return &r;
  }
  ADD_FAILURE() << "no row «" << label << "» in " << s->ShortDebugString();
  return nullptr;
}

// One file of a zip archive, with Debian's unzip.
std::string unzip_member(const std::string& archive, const std::string& member) {
  const std::string command = "unzip -p '" + archive + "' '" + member + "'";
  std::string out;
  if (FILE* pipe = ::popen(command.c_str(), "r")) {
    char buffer[4096];
    std::size_t n;
    while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
    ::pclose(pipe);
  }
  return out;
}

class FinalReportTest : public ReportingFixture {
 protected:
  void SetUp() override {
    ReportingFixture::SetUp();
    if (HasFatalFailure()) return;
    // Phú Túc: 50,000,000 in, a second donation of 1,500,000 reversed; the district fund
    // 20,000,000; a household of Phú Túc given 800,000 from Phú Túc's fund.
    ASSERT_GT(donate(commune_fund(), kCommuneDonation).id(), 0);
    const auto mistaken = donate(commune_fund(), kReversed);
    ASSERT_GT(mistaken.id(), 0);
    ASSERT_GT(donate(district_fund(), kDistrictDonation).id(), 0);
    wait_for_net_received(commune_fund(), kCommuneDonation + kReversed);
    const auto reversed = reverse(mistaken.id());
    ASSERT_TRUE(reversed.ok()) << reversed.error_message();
    wait_for_net_received(commune_fund(), kCommuneDonation);
    const auto household = approved_household(kPhuTuc);
    ASSERT_GT(household, 0);
    const auto support =
        approved_support(household, av1::SUPPORT_KIND_FOOD_AND_GIFTS, commune_fund(), kSupport);
    ASSERT_GT(support.id(), 0);
    const auto handed = disburse(support.id());
    ASSERT_TRUE(handed.ok()) << handed.error_message();
    wait_for_progress({}, kDistrict, [](const Progress& p) {
      const auto& r = p.total().received();
      return r.cash().dong() == kCommuneDonation + kDistrictDonation && r.count() == 2 &&
             p.total().supports().disbursed().dong() == kSupport;
    });
  }

  grpc::Status report(const std::string& unit, rv1::FinalReport* out,
                      const std::string& language = {}, const std::string& bearer = {}) {
    rv1::GetFinalReportRequest request;
    request.set_campaign_id(campaign_);
    request.set_unit_code(unit);
    request.set_language(language);
    const auto who = !bearer.empty() ? bearer : unit == kDistrict ? district() : commune(unit);
    return reporting_->GetFinalReport(client_context(who).get(), request, out);
  }

  // The exported file, joined from its chunks; fails the test on error.
  std::string exported(const std::string& unit, rv1::ExportFormat format,
                       rv1::ExportChunk* first = nullptr) {
    rv1::ExportFinalReportRequest request;
    request.mutable_report()->set_campaign_id(campaign_);
    request.mutable_report()->set_unit_code(unit);
    request.set_format(format);
    auto context = client_context(unit == kDistrict ? district() : commune(unit));
    auto reader = reporting_->ExportFinalReport(context.get(), request);
    std::string data;
    rv1::ExportChunk chunk;
    bool first_seen = false;
    while (reader->Read(&chunk)) {
      EXPECT_LE(chunk.data().size(), 64u * 1024u);
      if (!first_seen && first != nullptr) *first = chunk;
      if (first_seen) {
        EXPECT_TRUE(chunk.file_name().empty());
      }
      first_seen = true;
      data += chunk.data();
    }
    const auto status = reader->Finish();
    EXPECT_TRUE(status.ok()) << status.error_message();
    return data;
  }
};

TEST_F(FinalReportTest, CommuneReportCarriesTheScenarioToTheDong) {
  rv1::FinalReport r;
  const auto status = report(kPhuTuc, &r);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(r.campaign_id(), campaign_);
  EXPECT_EQ(r.unit_code(), kPhuTuc);
  EXPECT_NE(r.title().find("Báo cáo kết quả"), std::string::npos) << r.title();
  EXPECT_NE(r.title().find("Phú Túc"), std::string::npos) << r.title();
  EXPECT_EQ(r.period().rfind("03/02/2024 – ", 0), 0u) << r.period();

  const auto* mobilised = section(r, "I. Kết quả vận động");
  const auto* total = row(mobilised, "Tổng giá trị ủng hộ vào Quỹ");
  ASSERT_NE(total, nullptr);
  EXPECT_EQ(total->amount().dong(), kCommuneDonation);  // the reversal nets out
  EXPECT_EQ(total->count(), 1);
  const auto* supports = section(r, "II. Hỗ trợ hộ nghèo");
  const auto* handed = row(supports, "Tổng kinh phí đã trao từ Quỹ");
  ASSERT_NE(handed, nullptr);
  EXPECT_EQ(handed->amount().dong(), kSupport);
  const auto* supported = row(supports, "Hộ đã được hỗ trợ");
  ASSERT_NE(supported, nullptr);
  EXPECT_EQ(supported->count(), 1);
  section(r, "III. Nhà Đại đoàn kết");

  // The ledger: the donation's day, then today's hand-over, with the running balance.
  ASSERT_EQ(r.lines_size(), 2) << r.ShortDebugString();
  EXPECT_EQ(r.lines(0).on().year(), 2024);
  EXPECT_EQ(r.lines(0).in().dong(), kCommuneDonation);
  EXPECT_EQ(r.lines(0).balance().dong(), kCommuneDonation);
  EXPECT_EQ(r.lines(1).out().dong(), kSupport);
  EXPECT_EQ(r.lines(1).balance().dong(), kCommuneDonation - kSupport);
  EXPECT_EQ(r.lines(1).description(), "Trao hỗ trợ hộ nghèo");

  EXPECT_NE(
      r.reconciliation().find("Số liệu cập nhật đến sự kiện " + r.freshness().last_event_id()),
      std::string::npos)
      << r.reconciliation();
  EXPECT_GT(r.freshness().events_applied(), 0);
  EXPECT_EQ(r.progress().total().received().cash().dong(), kCommuneDonation);
}

TEST_F(FinalReportTest, DistrictReportSumsItsCommunesAndFunds) {
  rv1::FinalReport r;
  ASSERT_TRUE(report(kDistrict, &r).ok());
  const auto* total = row(section(r, "I. Kết quả vận động"), "Tổng giá trị ủng hộ vào Quỹ");
  ASSERT_NE(total, nullptr);
  EXPECT_EQ(total->amount().dong(), kCommuneDonation + kDistrictDonation);
  EXPECT_EQ(total->count(), 2);
  // By unit: Phú Túc with its own figure.
  const auto* units = section(r, "V. Kết quả theo đơn vị");
  ASSERT_NE(units, nullptr);
  bool phu_tuc = false;
  for (const auto& u : units->rows()) {
    if (u.label().find("Phú Túc") == std::string::npos) continue;
    phu_tuc = true;
    EXPECT_EQ(u.amount().dong(), kCommuneDonation);
    EXPECT_EQ(u.note(), "Hộ được hỗ trợ: 1");
  }
  EXPECT_TRUE(phu_tuc) << units->ShortDebugString();
  ASSERT_EQ(r.lines_size(), 2) << r.ShortDebugString();
  EXPECT_EQ(r.lines(0).in().dong(), kCommuneDonation + kDistrictDonation);
  EXPECT_EQ(r.lines(1).balance().dong(), kCommuneDonation + kDistrictDonation - kSupport);
}

// One scenario for several checks: each test starts the four services anew.
TEST_F(FinalReportTest, EnglishOnRequestScopeAndRefusals) {
  rv1::FinalReport r;
  ASSERT_TRUE(report(kPhuTuc, &r, "en").ok());
  const auto* total = row(section(r, "I. Mobilisation results"), "Total received into the funds");
  ASSERT_NE(total, nullptr);
  EXPECT_EQ(total->amount().dong(), kCommuneDonation);
  // The footer states the reconciliation with the owning services, made with the report.
  EXPECT_NE(r.reconciliation().find("every figure agrees to the đồng"), std::string::npos)
      << r.reconciliation();
  const auto refused = report(kPhuTuc, &r, "fr");
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(details(refused).field, "language");

  // A commune officer sees only its commune.
  const auto other = report(kPhuTuc, &r, {}, commune(kPhuCuong));
  EXPECT_EQ(other.error_code(), grpc::StatusCode::PERMISSION_DENIED) << other.error_message();
  EXPECT_EQ(report(kDistrict, &r, {}, commune(kPhuTuc)).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);

  // An export needs a format.
  rv1::ExportFinalReportRequest request;
  request.mutable_report()->set_campaign_id(campaign_);
  auto context = client_context(district());
  auto reader = reporting_->ExportFinalReport(context.get(), request);
  rv1::ExportChunk chunk;
  EXPECT_FALSE(reader->Read(&chunk));
  const auto status = reader->Finish();
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(details(status).field, "format");
}

TEST_F(FinalReportTest, CsvStartsWithTheBomAndKeepsDiacriticsAndDong) {
  rv1::ExportChunk first;
  const auto csv = exported(kPhuTuc, rv1::EXPORT_FORMAT_CSV, &first);
  EXPECT_EQ(first.content_type(), "text/csv; charset=utf-8");
  EXPECT_EQ(first.file_name(), "bao-cao-" + campaign_ + "-" + kPhuTuc + ".csv");
  ASSERT_GE(csv.size(), 3u);
  EXPECT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_NE(csv.find("\r\nI. Kết quả vận động\r\n"), std::string::npos) << csv;
  EXPECT_NE(csv.find("Nội dung;Số lượng;Số tiền (đồng);Ghi chú\r\n"), std::string::npos);
  EXPECT_NE(csv.find("Tổng giá trị ủng hộ vào Quỹ;1;50.000.000;\r\n"), std::string::npos) << csv;
  EXPECT_NE(csv.find("Ngày;Diễn giải;Thu (đồng);Chi (đồng);Tồn quỹ (đồng)\r\n"), std::string::npos);
  EXPECT_NE(csv.find("01/03/2024;Tiếp nhận ủng hộ;50.000.000;0;50.000.000\r\n"), std::string::npos)
      << csv;
  EXPECT_NE(csv.find("Cộng;;50.000.000;800.000;49.200.000\r\n"), std::string::npos) << csv;
  EXPECT_NE(csv.find("Đối chiếu số liệu;Đã đối chiếu"), std::string::npos) << csv;
  EXPECT_NE(csv.find("khớp đến từng đồng"), std::string::npos) << csv;
}

TEST_F(FinalReportTest, XlsxReadBackCarriesHeadingsAndNumbers) {
  rv1::ExportChunk first;
  const auto xlsx = exported(kDistrict, rv1::EXPORT_FORMAT_XLSX, &first);
  EXPECT_EQ(first.content_type(),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_EQ(first.file_name(), "bao-cao-" + campaign_ + "-" + kDistrict + ".xlsx");
  ASSERT_GE(xlsx.size(), 4u);
  EXPECT_EQ(xlsx.substr(0, 2), "PK");  // a zip archive

  const auto path =
      (std::filesystem::temp_directory_path() / ("vnn-report-test-" + suffix_ + ".xlsx")).string();
  {
    std::ofstream file(path, std::ios::binary);
    file << xlsx;
  }
  const auto strings = unzip_member(path, "xl/sharedStrings.xml");
  const auto sheet = unzip_member(path, "xl/worksheets/sheet1.xml");
  const auto workbook = unzip_member(path, "xl/workbook.xml");
  const auto styles = unzip_member(path, "xl/styles.xml");
  std::filesystem::remove(path);
  ASSERT_FALSE(strings.empty()) << "no shared strings: is unzip installed?";
  for (const std::string heading :
       {"I. Kết quả vận động", "II. Hỗ trợ hộ nghèo", "III. Nhà Đại đoàn kết",
        "V. Kết quả theo đơn vị", "Sổ thu, chi theo ngày", "Tồn quỹ (đồng)",
        "Tổng giá trị ủng hộ vào Quỹ", "Đối chiếu số liệu"}) {
    EXPECT_NE(strings.find(heading), std::string::npos) << heading;
  }
  EXPECT_NE(strings.find("khớp đến từng đồng"), std::string::npos);
  EXPECT_NE(workbook.find("Báo cáo"), std::string::npos) << workbook;
  // Amounts are numbers (so sums work in Excel), with the thousands format.
  EXPECT_NE(sheet.find("<v>70000000</v>"), std::string::npos) << sheet;
  EXPECT_NE(sheet.find("<v>69200000</v>"), std::string::npos);
  EXPECT_NE(sheet.find("<v>800000</v>"), std::string::npos);
  EXPECT_NE(sheet.find("<f>SUM("), std::string::npos);
  EXPECT_NE(styles.find("#,##0"), std::string::npos);
}

}  // namespace
}  // namespace vnn::testing
