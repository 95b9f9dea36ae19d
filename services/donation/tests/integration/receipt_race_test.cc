// Reprinting a receipt is a change (it is recorded, and the first print is the original): under
// concurrency exactly one print is the original, and the auditor, who changes nothing, cannot
// take it.

#include <thread>
#include <vector>

#include "donation_fixture.h"

namespace vnn::testing {
namespace {

namespace v1 = donation::v1;

class ReceiptRaceTest : public DonationFixture {};

TEST_F(ReceiptRaceTest, ConcurrentPrintsMakeExactlyOneOriginal) {
  for (int round = 0; round < 4; ++round) {
    v1::Donation donation;
    ASSERT_TRUE(
        record(cash(120'000, "race-" + std::to_string(round) + "-" + suffix_), &donation).ok());
    constexpr int kPrinters = 8;
    std::vector<v1::Receipt> receipts(kPrinters);
    std::vector<grpc::Status> statuses(kPrinters);
    std::vector<std::thread> printers;
    for (int i = 0; i < kPrinters; ++i) {
      printers.emplace_back([&, i] {
        v1::GetReceiptRequest request;
        *request.mutable_receipt() = donation.receipt();
        request.set_reprint(true);
        request.set_request_id("print-" + std::to_string(round) + "-" + std::to_string(i) + "-" +
                               suffix_);
        statuses[static_cast<std::size_t>(i)] = stub_->GetReceipt(
            as(district()).get(), request, &receipts[static_cast<std::size_t>(i)]);
      });
    }
    for (auto& printer : printers) printer.join();
    int originals = 0;
    for (int i = 0; i < kPrinters; ++i) {
      ASSERT_TRUE(statuses[static_cast<std::size_t>(i)].ok())
          << statuses[static_cast<std::size_t>(i)].error_message();
      if (!receipts[static_cast<std::size_t>(i)].copy()) ++originals;
    }
    EXPECT_EQ(originals, 1) << "round " << round;
    EXPECT_EQ(scalar("SELECT count(*) FROM receipt_print WHERE copy = false AND fund_id = '" +
                     district_fund_ +
                     "' AND receipt_number = " + std::to_string(donation.receipt().number())),
              "1")
        << "round " << round;
  }
}

TEST_F(ReceiptRaceTest, AnAuditorReadsAReceiptButCannotPrintIt) {
  v1::Donation donation;
  ASSERT_TRUE(record(cash(90'000, "audited-" + suffix_), &donation).ok());
  const auto auditor = token(Role::kAuditor);
  v1::GetReceiptRequest request;
  *request.mutable_receipt() = donation.receipt();
  v1::Receipt receipt;
  auto read = stub_->GetReceipt(as(auditor).get(), request, &receipt);
  EXPECT_TRUE(read.ok()) << read.error_message();
  request.set_reprint(true);
  request.set_request_id("auditor-print-" + suffix_);
  EXPECT_EQ(stub_->GetReceipt(as(auditor).get(), request, &receipt).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(scalar("SELECT count(*) FROM receipt_print WHERE fund_id = '" + district_fund_ + "'"),
            "0");
}

}  // namespace
}  // namespace vnn::testing
