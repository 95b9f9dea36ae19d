// Bulk intake through the streaming RPC, against the real servers.

#include <atomic>
#include <chrono>
#include <pqxx/pqxx>
#include <thread>
#include <vector>

#include "donation_fixture.h"
#include "vnn/common/v1/event.pb.h"
#include "vnn/platform/db/arrays.h"
#include "vnn/platform/events/outbox.h"
#include "vnn/platform/rpc/error_details.h"

namespace vnn::testing {
namespace {

namespace v1 = donation::v1;
using grpc::StatusCode;

class ImportTest : public DonationFixture {
 protected:
  void SetUp() override {
    DonationFixture::SetUp();
    agency_ = "co-quan-" + suffix_;
    v1::CreateMobiliserRequest request;
    request.set_request_id("agency-" + agency_);
    request.mutable_mobiliser()->set_id(agency_);
    request.mutable_mobiliser()->set_kind(v1::MOBILISER_KIND_AGENCY);
    request.mutable_mobiliser()->set_name("Phòng Giáo dục và Đào tạo huyện");
    request.mutable_mobiliser()->set_unit_code("736");
    v1::Mobiliser out;
    ASSERT_TRUE(stub_->CreateMobiliser(as(district()).get(), request, &out).ok());
  }

  v1::ImportHeader payroll_header() const {
    v1::ImportHeader h;
    h.set_request_id(platform::events::new_uuid());
    h.set_format(v1::IMPORT_FORMAT_PAYROLL);
    h.set_campaign_id(campaign_);
    h.set_fund_id(district_fund_);
    h.set_mobiliser_id(agency_);
    h.mutable_received_on()->set_year(2024);
    h.mutable_received_on()->set_month(3);
    h.mutable_received_on()->set_day(20);
    h.set_list_reference("Một ngày lương tháng 3/2024");
    return h;
  }

  std::string agency_;
};

const char* const kPayroll =
    "full_name,citizen_id,amount_dong,note\n"
    "Nguyễn Văn An,,200000,\n"
    "\"Trần, Thị Bình\",075188012345,150000,phó phòng\n"
    "Lê Văn Cường,123,100000,\n"  // line 4: bad citizen id
    "Phạm Thị Dung,,một trăm,\n"  // line 5: bad amount
    ",,50000,\n"                  // line 6: no name
    "Hoàng Văn Em,,0,\n"          // line 7: zero
    "Đặng Thị Giang,,90000,\r\n";

TEST_F(ImportTest, GoodRowsAreLinesOfOneDonationBadRowsReportedAndAReimportRecordsNothing) {
  v1::ImportReport report;
  auto status = import(payroll_header(), kPayroll, &report);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(report.rows(), 7);
  EXPECT_EQ(report.recorded(), 3);
  EXPECT_EQ(report.rejected(), 4);
  ASSERT_EQ(report.problems_size(), 4);
  EXPECT_EQ(report.problems(0).line(), 4);
  EXPECT_EQ(report.problems(0).field(), "citizen_id");
  EXPECT_EQ(report.problems(1).line(), 5);
  EXPECT_EQ(report.problems(1).field(), "amount_dong");
  EXPECT_EQ(report.problems(2).field(), "full_name");
  EXPECT_EQ(report.problems(3).line(), 7);
  EXPECT_EQ(report.problems(0).code(), "invalid_value");
  EXPECT_EQ(report.problems(1).code(), "invalid_value");
  EXPECT_EQ(report.problems(2).code(), "required");
  EXPECT_EQ(report.recorded_amount().dong(), 440'000);
  ASSERT_GT(report.donation_id(), 0);
  EXPECT_EQ(report.receipt().number(), 1);
  EXPECT_EQ(report.receipt().year(), 2024);

  // The agency's donation: the list's total, one receipt, the agency as donor and mobiliser.
  v1::GetDonationRequest get;
  get.set_id(report.donation_id());
  v1::Donation donation;
  ASSERT_TRUE(stub_->GetDonation(as(district()).get(), get, &donation).ok());
  EXPECT_EQ(donation.channel(), v1::CHANNEL_PAYROLL);
  EXPECT_EQ(donation.amount().dong(), 440'000);
  EXPECT_EQ(donation.mobiliser_id(), agency_);
  EXPECT_EQ(donation.donor().kind(), v1::DONOR_KIND_AGENCY);
  EXPECT_EQ(donation.donor().name(), "Phòng Giáo dục và Đào tạo huyện");
  EXPECT_EQ(donation.note(), "Một ngày lương tháng 3/2024");
  EXPECT_EQ(donation.receipt().number(), 1);
  EXPECT_EQ(scalar("SELECT count(*) FROM donation WHERE fund_id = '" + district_fund_ + "'"), "1");

  // Its lines, in list order; the citizen id only masked.
  v1::ListPayrollLinesRequest lines_request;
  lines_request.set_donation_id(report.donation_id());
  v1::ListPayrollLinesResponse lines;
  ASSERT_TRUE(stub_->ListPayrollLines(as(district()).get(), lines_request, &lines).ok());
  ASSERT_EQ(lines.lines_size(), 3);
  EXPECT_EQ(lines.lines(0).line(), 2);
  EXPECT_EQ(lines.lines(0).full_name(), "Nguyễn Văn An");
  EXPECT_EQ(lines.lines(1).full_name(), "Trần, Thị Bình");
  EXPECT_EQ(lines.lines(1).note(), "phó phòng");
  EXPECT_EQ(lines.lines(1).amount().dong(), 150'000);
  EXPECT_TRUE(lines.lines(1).citizen_id().starts_with("075"));
  EXPECT_NE(lines.lines(1).citizen_id(), "075188012345");
  EXPECT_EQ(lines.lines(2).line(), 8);
  EXPECT_TRUE(lines.page().next_page_token().empty());

  // One donation.recorded event, like any donation's.
  const auto envelope_hex = scalar(
      "SELECT encode(envelope, 'hex') FROM outbox WHERE subject = "
      "'vnn.donation.donation.recorded' AND aggregate_id = '" +
      std::to_string(report.donation_id()) + "'");
  ASSERT_FALSE(envelope_hex.empty());
  common::v1::EventEnvelope envelope;
  ASSERT_TRUE(envelope.ParseFromString(platform::db::from_hex(envelope_hex)));
  v1::DonationRecorded event;
  ASSERT_TRUE(envelope.payload().UnpackTo(&event));
  EXPECT_EQ(event.channel(), v1::CHANNEL_PAYROLL);
  EXPECT_EQ(event.amount_dong(), 440'000);
  EXPECT_EQ(event.mobiliser_id(), agency_);
  EXPECT_EQ(event.donor_kind(), v1::DONOR_KIND_AGENCY);
  EXPECT_EQ(event.receipt().number(), 1);
  // No personal data: the names and the citizen id stay in the service.
  EXPECT_EQ(envelope.SerializeAsString().find("Bình"), std::string::npos);
  EXPECT_EQ(envelope.SerializeAsString().find("075188012345"), std::string::npos);

  v1::ImportReport again;
  ASSERT_TRUE(import(payroll_header(), kPayroll, &again).ok());
  EXPECT_EQ(again.recorded(), 0);
  EXPECT_EQ(again.already_recorded(), 3);
  EXPECT_EQ(again.donation_id(), 0);
  EXPECT_FALSE(again.has_receipt());
  // Where its rows are: what a retry whose first answer was lost needs to find its receipt.
  ASSERT_EQ(again.earlier_donation_ids_size(), 1);
  EXPECT_EQ(again.earlier_donation_ids(0), report.donation_id());
  EXPECT_EQ(scalar("SELECT count(*) FROM donation WHERE fund_id = '" + district_fund_ + "'"), "1");

  // The next donation continues the numbering.
  v1::Donation next;
  ASSERT_TRUE(record(cash(10'000, "after-import-" + suffix_), &next).ok());
  EXPECT_EQ(next.receipt().number(), 2);
}

TEST_F(ImportTest, IdenticalRowsAreTwoPeopleAndAReimportStillRecordsNothing) {
  // Two staff of one name, neither with a citizen id, giving the same from the same school.
  const std::string csv =
      "full_name,citizen_id,amount_dong,note\n"
      "Nguyễn Văn An,,300000,Trường THCS Phú Túc\n"
      "Trần Thị Bình,,250000,\n"
      "Nguyễn Văn An,,300000,Trường THCS Phú Túc\n";
  v1::ImportReport report;
  ASSERT_TRUE(import(payroll_header(), csv, &report).ok());
  EXPECT_EQ(report.recorded(), 3);
  EXPECT_EQ(report.recorded_amount().dong(), 850'000);
  EXPECT_EQ(scalar("SELECT count(*) FROM payroll_line WHERE donation_id = " +
                   std::to_string(report.donation_id())),
            "3");

  v1::ImportReport again;
  ASSERT_TRUE(import(payroll_header(), csv, &again).ok());
  EXPECT_EQ(again.recorded(), 0);
  EXPECT_EQ(again.already_recorded(), 3);
  EXPECT_EQ(scalar("SELECT count(*) FROM donation WHERE fund_id = '" + district_fund_ + "'"), "1");
}

// The list corrected and imported again: only the rows it did not hold before are recorded, in
// a donation (and receipt) of their own; the first donation is not touched.
TEST_F(ImportTest, RowsAddedToAListAreADonationOfTheirOwn) {
  v1::ImportReport first;
  ASSERT_TRUE(import(payroll_header(), kPayroll, &first).ok());
  const std::string corrected = std::string(kPayroll) +
                                "Phạm Thị Dung,,100000,\n"
                                "Lê Văn Cường,075190054321,100000,\n";
  v1::ImportReport second;
  ASSERT_TRUE(import(payroll_header(), corrected, &second).ok());
  EXPECT_EQ(second.recorded(), 2);
  EXPECT_EQ(second.already_recorded(), 3);
  EXPECT_EQ(second.recorded_amount().dong(), 200'000);
  EXPECT_NE(second.donation_id(), first.donation_id());
  EXPECT_EQ(second.receipt().number(), 2);
  EXPECT_EQ(scalar("SELECT string_agg(amount_dong::text, ',' ORDER BY id) FROM donation WHERE "
                   "fund_id = '" +
                   district_fund_ + "'"),
            "440000,200000");
}

// The list is one transaction, its receipt taken at its end: cash recorded on the same fund
// meanwhile goes on, and every number is used once.
TEST_F(ImportTest, ALargeListBesideCashOnTheSameFundKeepsReceiptsGaplessAndUnique) {
  constexpr int kRows = 30'000;  // six batches
  std::string csv = "full_name,citizen_id,amount_dong,note\n";
  std::int64_t sum = 0;
  for (int i = 0; i < kRows; ++i) {
    csv += "Nhân viên số " + std::to_string(i) + ",," + std::to_string(100'000 + i) + ",\n";
    sum += 100'000 + i;
  }
  std::atomic<bool> importing{true};
  std::atomic<int> cash_recorded{0}, cash_failed{0};
  std::vector<std::thread> cashiers;
  for (int w = 0; w < 4; ++w) {
    cashiers.emplace_back([&, w] {
      for (int i = 0; importing.load(); ++i) {
        v1::Donation d;
        const auto id = "beside-" + std::to_string(w) + "-" + std::to_string(i) + "-" + suffix_;
        if (record(cash(10'000, id), &d).ok()) {
          ++cash_recorded;
        } else {
          ++cash_failed;
        }
      }
    });
  }
  v1::ImportReport report;
  const auto status = import(payroll_header(), csv, &report, {}, 64 * 1024);
  importing = false;
  for (auto& t : cashiers) t.join();
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(report.recorded(), kRows);
  EXPECT_EQ(report.recorded_amount().dong(), sum);
  EXPECT_EQ(cash_failed.load(), 0);
  EXPECT_GT(cash_recorded.load(), 0);
  const auto id = std::to_string(report.donation_id());
  EXPECT_EQ(scalar("SELECT count(*) || ',' || sum(amount_dong) FROM payroll_line WHERE "
                   "donation_id = " +
                   id),
            std::to_string(kRows) + "," + std::to_string(sum));
  EXPECT_EQ(scalar("SELECT amount_dong FROM donation WHERE id = " + id), std::to_string(sum));
  const auto total = std::to_string(1 + cash_recorded.load());
  const std::string fund = "fund_id = '" + district_fund_ + "'";
  EXPECT_EQ(scalar("SELECT count(*) FROM donation WHERE " + fund), total);
  EXPECT_EQ(scalar("SELECT count(DISTINCT receipt_number) FROM donation WHERE " + fund), total);
  EXPECT_EQ(scalar("SELECT min(receipt_number) || '-' || max(receipt_number) FROM donation "
                   "WHERE " +
                   fund),
            "1-" + total);
  EXPECT_EQ(scalar("SELECT last_number FROM receipt_counter WHERE " + fund), total);
}

// 12,000 staff named after `tag`: more than two batches, so some are written before the end.
std::string long_list(const std::string& tag) {
  std::string csv = "full_name,citizen_id,amount_dong,note\n";
  for (int i = 0; i < 12'000; ++i) csv += tag + " " + std::to_string(i) + ",,100000,\n";
  return csv;
}

// An import stream opened with the list's header and `csv` sent as one message.
std::unique_ptr<grpc::ClientWriter<v1::ImportChunk>> open_import(v1::DonationService::Stub& stub,
                                                                 grpc::ClientContext& context,
                                                                 const v1::ImportHeader& h,
                                                                 const std::string& csv,
                                                                 v1::ImportReport* report) {
  auto writer = stub.ImportDonations(&context, report);
  v1::ImportChunk header;
  *header.mutable_header() = h;
  writer->Write(header);
  v1::ImportChunk rows;
  rows.set_csv(csv);
  writer->Write(rows);
  return writer;
}

// A stream cut off by its client after some batches were written records nothing either (the
// reads end as if the list were complete; the service must tell the difference).
TEST_F(ImportTest, AListCutOffByItsClientRecordsNothing) {
  const std::string tag = "Cắt ngang " + suffix_;
  const std::string csv = long_list(tag);
  auto context = as(district());
  v1::ImportReport report;
  // The last row cut in half.
  auto writer =
      open_import(*stub_, *context, payroll_header(), csv.substr(0, csv.size() - 7), &report);
  context->TryCancel();
  EXPECT_EQ(writer->Finish().error_code(), StatusCode::CANCELLED);
  // The service notices when its reads end; wait until no transaction is open any more.
  for (int i = 0; i < 100; ++i) {
    if (scalar("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND "
               "state LIKE 'idle in transaction%'") == "0") {
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  EXPECT_EQ(scalar("SELECT count(*) FROM payroll_line WHERE full_name LIKE '" + tag + " %'"), "0");
  EXPECT_EQ(scalar("SELECT count(*) FROM donation WHERE fund_id = '" + district_fund_ + "'"), "0");
}

// A list that fails after some batches were written (here a second header) leaves nothing.
TEST_F(ImportTest, AnImportThatFailsPartWayRecordsNothingOfIt) {
  const std::string tag = "Nhân viên " + suffix_;
  auto context = as(district());
  v1::ImportReport report;
  auto writer = open_import(*stub_, *context, payroll_header(), long_list(tag), &report);
  v1::ImportChunk header;
  *header.mutable_header() = payroll_header();
  writer->Write(header);  // only the first message may be a header
  writer->WritesDone();
  EXPECT_EQ(writer->Finish().error_code(), StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(scalar("SELECT count(*) FROM payroll_line WHERE full_name LIKE '" + tag + " %'"), "0");
  EXPECT_EQ(scalar("SELECT count(*) FROM donation WHERE fund_id = '" + district_fund_ + "'"), "0");
}

TEST_F(ImportTest, APayrollListIsAnAgencys) {
  v1::CreateMobiliserRequest request;
  request.set_request_id("veterans-" + suffix_);
  request.mutable_mobiliser()->set_id("hoi-ccb-" + suffix_);
  request.mutable_mobiliser()->set_kind(v1::MOBILISER_KIND_MEMBER_ORGANISATION);
  request.mutable_mobiliser()->set_name("Hội Cựu chiến binh huyện");
  request.mutable_mobiliser()->set_unit_code("736");
  v1::Mobiliser out;
  const auto created = stub_->CreateMobiliser(as(district()).get(), request, &out);
  ASSERT_TRUE(created.ok()) << created.error_message();
  auto header = payroll_header();
  header.set_mobiliser_id(out.id());
  v1::ImportReport report;
  EXPECT_EQ(import(header, kPayroll, &report).error_code(), StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(scalar("SELECT count(*) FROM donation WHERE fund_id = '" + district_fund_ + "'"), "0");
}

TEST_F(ImportTest, AnAgencyImportsOnlyItsOwnStaffLists) {
  v1::ImportReport report;
  auto own = token(Role::kAgency, {"736"}, agency_);
  EXPECT_TRUE(import(payroll_header(), kPayroll, &report, own).ok());
  // Its token names no unit: it records nothing; it names a commune: not the district's fund.
  EXPECT_EQ(
      import(payroll_header(), kPayroll, &report, token(Role::kAgency, {}, agency_)).error_code(),
      StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(import(payroll_header(), kPayroll, &report, token(Role::kAgency, {"26242"}, agency_))
                .error_code(),
            StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(scalar("SELECT count(*) FROM donation WHERE fund_id = '" + district_fund_ + "'"), "1");
  auto other = token(Role::kAgency, {"736"}, "co-quan-khac");
  EXPECT_EQ(import(payroll_header(), kPayroll, &report, other).error_code(),
            StatusCode::PERMISSION_DENIED);
  auto header = payroll_header();
  header.set_format(v1::IMPORT_FORMAT_BANK_STATEMENT);
  header.set_bank_account_number(district_account_);
  EXPECT_EQ(import(header, "date,reference,amount_dong,description\n", &report, own).error_code(),
            StatusCode::PERMISSION_DENIED);
  const auto neighbour = token(Role::kCommuneOfficer, {"26236"});
  EXPECT_EQ(import(payroll_header(), kPayroll, &report, neighbour).error_code(),
            StatusCode::PERMISSION_DENIED);
}

TEST_F(ImportTest, PayrollLinesAreReadByWhoeverMayReadTheDonation) {
  v1::ImportReport report;
  ASSERT_TRUE(import(payroll_header(), kPayroll, &report).ok());
  v1::ListPayrollLinesRequest r;
  r.set_donation_id(report.donation_id());
  auto lines_as = [&](const std::string& bearer) {
    v1::ListPayrollLinesResponse out;
    return stub_->ListPayrollLines(as(bearer).get(), r, &out).error_code();
  };
  EXPECT_EQ(lines_as(token(Role::kAgency, {}, agency_)), StatusCode::OK);
  EXPECT_EQ(lines_as(token(Role::kAuditor, {})), StatusCode::OK);
  // Another agency, or a commune that is not the fund's, does not learn the donation exists.
  EXPECT_EQ(lines_as(token(Role::kAgency, {}, "co-quan-khac")), StatusCode::NOT_FOUND);
  EXPECT_EQ(lines_as(token(Role::kCommuneOfficer, {"26236"})), StatusCode::NOT_FOUND);
  EXPECT_EQ(lines_as(token(Role::kMemberOrganisation, {}, agency_)), StatusCode::PERMISSION_DENIED);
  v1::Donation cash_donation;
  ASSERT_TRUE(record(cash(10'000, "lines-of-cash-" + suffix_), &cash_donation).ok());
  r.set_donation_id(cash_donation.id());
  EXPECT_EQ(lines_as(district()), StatusCode::INVALID_ARGUMENT);
}

TEST_F(ImportTest, ReadingAStaffListInClearIsRecordedARefusedReadIsNot) {
  v1::ImportReport report;
  ASSERT_TRUE(import(payroll_header(), kPayroll, &report).ok());
  v1::ListPayrollLinesRequest r;
  r.set_donation_id(report.donation_id());
  v1::ListPayrollLinesResponse out;
  auto reads = [&](const std::string& subject) {
    return scalar(
        "SELECT count(*) FROM personal_data_read WHERE record_kind = 'payroll_list' AND "
        "record_id = " +
        std::to_string(report.donation_id()) + " AND subject = '" + subject +
        "' AND method LIKE '%ListPayrollLines'");
  };
  ASSERT_TRUE(
      stub_->ListPayrollLines(as(token(Role::kAuditor, {}, {}, "kiem-toan-luong")).get(), r, &out)
          .ok());
  ASSERT_GT(out.lines_size(), 0);
  EXPECT_EQ(reads("kiem-toan-luong"), "1");
  // A commune that may not read the donation learns nothing, and nothing is recorded.
  EXPECT_EQ(stub_
                ->ListPayrollLines(
                    as(token(Role::kCommuneOfficer, {"26236"}, {}, "xa-ben-canh")).get(), r, &out)
                .error_code(),
            StatusCode::NOT_FOUND);
  EXPECT_EQ(reads("xa-ben-canh"), "0");
}

TEST_F(ImportTest, AWrongHeaderOrFormatIsRefusedWhole) {
  v1::ImportReport report;
  EXPECT_EQ(import(payroll_header(), "name,amount\nA,1\n", &report).error_code(),
            StatusCode::INVALID_ARGUMENT);
  auto header = payroll_header();
  header.mutable_received_on()->set_month(7);  // outside the campaign
  EXPECT_EQ(import(header, kPayroll, &report).error_code(), StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(scalar("SELECT count(*) FROM donation WHERE fund_id = '" + district_fund_ + "'"), "0");
}

TEST_F(ImportTest, BankStatementLinesWithNoKnownReferenceAreListedForFollowUp) {
  auto transfer = cash(1'000'000, "stmt-transfer-" + suffix_);
  transfer.set_channel(v1::CHANNEL_BANK_TRANSFER);
  transfer.set_bank_account_number(district_account_);
  transfer.set_bank_reference("FT24064" + suffix_);
  v1::Donation recorded;
  ASSERT_TRUE(record(transfer, &recorded).ok());

  auto header = payroll_header();
  header.set_format(v1::IMPORT_FORMAT_BANK_STATEMENT);
  header.set_bank_account_number(district_account_);
  const std::string statement =
      "date,reference,amount_dong,description\n"
      "04/03/2024,FT24064" +
      suffix_ +
      ",1000000,DN ung ho\n"
      "2024-03-05,FT-UNKNOWN-1,250000,CK ung ho quy VNN\n"
      "31/02/2024,FT-X,1,\n";
  v1::ImportReport report;
  ASSERT_TRUE(import(header, statement, &report).ok());
  EXPECT_EQ(report.matched(), 1);
  ASSERT_EQ(report.unmatched_size(), 1);
  EXPECT_EQ(report.unmatched(0).reference(), "FT-UNKNOWN-1");
  EXPECT_EQ(report.unmatched(0).line(), 3);
  EXPECT_EQ(report.unmatched(0).amount().dong(), 250'000);
  ASSERT_EQ(report.problems_size(), 1);
  EXPECT_EQ(report.problems(0).field(), "date");
  EXPECT_EQ(report.problems(0).code(), "invalid_value");
  EXPECT_EQ(scalar("SELECT count(*) FROM donation WHERE fund_id = '" + district_fund_ + "'"), "1")
      << "a statement reconciles; it records nothing";
}

// The platform's import limits, small enough to reach in a test: 12,000 rows (more than two
// batches of a payroll list), 4 MB.
class ImportLimitTest : public ImportTest {
 protected:
  void SetUp() override {
    service_env_ = {{"VNN_IMPORT_MAX_ROWS", "12000"}, {"VNN_IMPORT_MAX_BYTES", "4000000"}};
    ImportTest::SetUp();
  }

  // `rows` staff named after `tag`, each with `note`.
  static std::string staff(const std::string& tag, int rows, const std::string& note = "") {
    std::string csv;
    for (int i = 0; i < rows; ++i) csv += tag + " " + std::to_string(i) + ",,100000," + note + "\n";
    return csv;
  }

  // The import is refused with `code` and `reason`; its message names `line` when given; and
  // nothing of the list is recorded, though batches of it were written before the refusal.
  void expect_refused_whole(const std::string& tag, const std::string& csv, StatusCode code,
                            const std::string& reason, const std::string& line = "") {
    v1::ImportReport report;
    const auto status = import(payroll_header(), csv, &report, {}, 64 * 1024);
    EXPECT_EQ(status.error_code(), code) << status.error_message();
    const auto details = platform::rpc::read_error_details(status);
    EXPECT_EQ(details.reason, reason);
    EXPECT_FALSE(details.vietnamese.empty());
    if (!line.empty()) {
      EXPECT_NE(status.error_message().find(line), std::string::npos) << status.error_message();
    }
    EXPECT_EQ(scalar("SELECT count(*) FROM payroll_line WHERE full_name LIKE '" + tag + " %'"),
              "0");
    EXPECT_EQ(scalar("SELECT count(*) FROM donation WHERE fund_id = '" + district_fund_ + "'"),
              "0");
  }

  static constexpr const char* kHeader = "full_name,citizen_id,amount_dong,note\n";
};

TEST_F(ImportLimitTest, AnOverlongFieldEndsTheImportWithItsLineAndRecordsNothing) {
  const std::string tag = "Dài " + suffix_;
  const std::string csv =
      kHeader + staff(tag, 6000) + tag + " x,,100000," + std::string(10'000, 'x') + "\n";
  expect_refused_whole(tag, csv, StatusCode::INVALID_ARGUMENT, "CSV_FIELD_TOO_LONG", "line 6002");
}

TEST_F(ImportLimitTest, TooManyFieldsEndTheImportWithItsLineAndRecordNothing) {
  const std::string tag = "Cột " + suffix_;
  const std::string csv =
      kHeader + staff(tag, 6000) + tag + " x,,100000" + std::string(100, ',') + "\n";
  expect_refused_whole(tag, csv, StatusCode::INVALID_ARGUMENT, "CSV_TOO_MANY_FIELDS", "line 6002");
}

TEST_F(ImportLimitTest, AnUnclosedQuoteEndsTheImportAtItsLineInsteadOfBufferingTheRest) {
  const std::string tag = "Ngoặc " + suffix_;
  const std::string csv =
      kHeader + staff(tag, 6000) + tag + " x,,100000,\"ghi chú\n" + staff(tag + " sau", 2000);
  expect_refused_whole(tag, csv, StatusCode::INVALID_ARGUMENT, "CSV_UNCLOSED_QUOTE", "line 6002");
}

TEST_F(ImportLimitTest, MoreRowsThanTheLimitEndTheImportAndRecordNothing) {
  const std::string tag = "Dòng " + suffix_;
  expect_refused_whole(tag, kHeader + staff(tag, 12'001), StatusCode::RESOURCE_EXHAUSTED,
                       "IMPORT_TOO_MANY_ROWS");
}

TEST_F(ImportLimitTest, MoreBytesThanTheLimitEndTheImportAndRecordNothing) {
  const std::string tag = "Byte " + suffix_;
  // About 430 bytes a row: the limit falls after the first batch was sent to be written.
  const std::string csv = kHeader + staff(tag, 10'000, std::string(400, 'n'));
  ASSERT_GT(csv.size(), 4'000'000u);
  expect_refused_whole(tag, csv, StatusCode::RESOURCE_EXHAUSTED, "IMPORT_TOO_LARGE");
}

TEST_F(ImportLimitTest, AStatementObeysTheLimitsToo) {
  auto header = payroll_header();
  header.set_format(v1::IMPORT_FORMAT_BANK_STATEMENT);
  header.set_bank_account_number(district_account_);
  v1::ImportReport report;
  const auto status = import(header,
                             "date,reference,amount_dong,description\n2024-03-05,\"FT-1\n" +
                                 std::string(10'000, 'x') + "\n",
                             &report, {}, 4096);
  EXPECT_EQ(status.error_code(), StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(platform::rpc::read_error_details(status).reason, "CSV_UNCLOSED_QUOTE");
}

// The caller is refused before the service reads the stream: a client that sends nothing at
// all gets its answer at once instead of waiting for its deadline.
TEST_F(ImportLimitTest, AnImportWithoutAValidTokenIsRefusedBeforeAnyMessageIsRead) {
  for (const std::string& bearer :
       {std::string(), std::string("Bearer not-a-token"), token(Role::kPublic)}) {
    auto context = as(bearer);  // the first one: no token at all
    const auto started = std::chrono::steady_clock::now();
    v1::ImportReport report;
    auto writer = stub_->ImportDonations(context.get(), &report);
    const auto status = writer->Finish();  // nothing written, the stream left open
    EXPECT_TRUE(status.error_code() == StatusCode::UNAUTHENTICATED ||
                status.error_code() == StatusCode::PERMISSION_DENIED)
        << status.error_code() << " " << status.error_message();
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(10));
  }
}

}  // namespace
}  // namespace vnn::testing
