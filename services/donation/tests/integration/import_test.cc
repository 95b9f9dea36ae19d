// Bulk intake through the streaming RPC, against the real servers.

#include <atomic>
#include <pqxx/pqxx>
#include <thread>
#include <vector>

#include "donation_fixture.h"
#include "vnn/common/v1/event.pb.h"
#include "vnn/platform/db/arrays.h"
#include "vnn/platform/events/outbox.h"

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

TEST_F(ImportTest, GoodRowsAreRecordedBadRowsReportedAndAReimportRecordsNothing) {
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
  EXPECT_EQ(report.recorded_amount().dong(), 440'000);
  EXPECT_EQ(report.first_receipt().number(), 1);
  EXPECT_EQ(report.last_receipt().number(), 3);
  EXPECT_EQ(scalar("SELECT count(*) FROM donation WHERE fund_id = '" + district_fund_ +
                   "' AND channel = 'payroll' AND mobiliser_id = '" + agency_ + "'"),
            "3");
  // One event for the batch, carrying each donation as donation.recorded would.
  const std::string first_id =
      scalar("SELECT min(id) FROM donation WHERE fund_id = '" + district_fund_ + "'");
  const auto envelope_hex = scalar(
      "SELECT encode(envelope, 'hex') FROM outbox WHERE subject = "
      "'vnn.donation.payroll.recorded' AND aggregate_id = '" +
      first_id + "'");
  ASSERT_FALSE(envelope_hex.empty());
  common::v1::EventEnvelope envelope;
  ASSERT_TRUE(envelope.ParseFromString(platform::db::from_hex(envelope_hex)));
  v1::PayrollDonationsRecorded event;
  ASSERT_TRUE(envelope.payload().UnpackTo(&event));
  EXPECT_EQ(event.mobiliser_id(), agency_);
  ASSERT_EQ(event.donations_size(), 3);
  EXPECT_EQ(event.donations(0).channel(), v1::CHANNEL_PAYROLL);
  EXPECT_EQ(event.donations(1).amount_dong(), 150'000);
  EXPECT_EQ(event.donations(2).receipt().number(), 3);
  // No personal data: the names and the citizen id stay in the service.
  EXPECT_EQ(envelope.SerializeAsString().find("Bình"), std::string::npos);
  EXPECT_EQ(envelope.SerializeAsString().find("075188012345"), std::string::npos);

  v1::ImportReport again;
  ASSERT_TRUE(import(payroll_header(), kPayroll, &again).ok());
  EXPECT_EQ(again.recorded(), 0);
  EXPECT_EQ(again.already_recorded(), 3);
  EXPECT_EQ(scalar("SELECT count(*) FROM donation WHERE fund_id = '" + district_fund_ + "'"), "3");

  // A recorded row keeps its receipt and the next donation continues the numbering.
  v1::Donation next;
  ASSERT_TRUE(record(cash(10'000, "after-import-" + suffix_), &next).ok());
  EXPECT_EQ(next.receipt().number(), 4);
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

  v1::ImportReport again;
  ASSERT_TRUE(import(payroll_header(), csv, &again).ok());
  EXPECT_EQ(again.recorded(), 0);
  EXPECT_EQ(again.already_recorded(), 3);
  EXPECT_EQ(scalar("SELECT count(*) FROM donation WHERE fund_id = '" + district_fund_ + "'"), "3");
}

// Batches of one list are written two at a time, the second numbering its receipts on from the
// first; cash recorded on the same fund meanwhile takes numbers in between. Every number is
// still used once.
TEST_F(ImportTest, ALargeListBesideCashOnTheSameFundKeepsReceiptsGaplessAndUnique) {
  constexpr int kRows = 30'000;  // six batches
  std::string csv = "full_name,citizen_id,amount_dong,note\n";
  for (int i = 0; i < kRows; ++i) {
    csv += "Nhân viên số " + std::to_string(i) + ",," + std::to_string(100'000 + i) + ",\n";
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
  EXPECT_EQ(cash_failed.load(), 0);
  EXPECT_GT(cash_recorded.load(), 0);
  const auto total = std::to_string(kRows + cash_recorded.load());
  const std::string fund = "fund_id = '" + district_fund_ + "'";
  EXPECT_EQ(scalar("SELECT count(*) FROM donation WHERE " + fund), total);
  EXPECT_EQ(scalar("SELECT count(DISTINCT receipt_number) FROM donation WHERE " + fund), total);
  EXPECT_EQ(scalar("SELECT min(receipt_number) || '-' || max(receipt_number) FROM donation "
                   "WHERE " +
                   fund),
            "1-" + total);
  EXPECT_EQ(scalar("SELECT last_number FROM receipt_counter WHERE " + fund), total);
}

TEST_F(ImportTest, AnAgencyImportsOnlyItsOwnStaffLists) {
  v1::ImportReport report;
  auto own = token(Role::kAgency, {}, agency_);
  EXPECT_TRUE(import(payroll_header(), kPayroll, &report, own).ok());
  auto other = token(Role::kAgency, {}, "co-quan-khac");
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
  EXPECT_EQ(scalar("SELECT count(*) FROM donation WHERE fund_id = '" + district_fund_ + "'"), "1")
      << "a statement reconciles; it records nothing";
}

}  // namespace
}  // namespace vnn::testing
