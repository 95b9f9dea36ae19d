#include "rules/fund_accounts.h"

#include <gtest/gtest.h>

#include "refusal.h"
#include "rules/reason_codes.h"

namespace vnn::donation::rules {
namespace {

const platform::Date kClosed{2024, 6, 1};

TEST(AccountTransfer, AnOpenAccountTakesTransfers) {
  EXPECT_NO_THROW(require_open_for_transfer("0123456789", std::nullopt, {2030, 1, 1}, "f"));
}

TEST(AccountTransfer, AClosedAccountTakesTransfersOnlyFromBeforeItsClosingDay) {
  EXPECT_NO_THROW(require_open_for_transfer("0123456789", kClosed, {2024, 5, 31}, "f"));
  for (const platform::Date received : {kClosed, platform::Date{2024, 6, 2}}) {
    const auto refusal = refusal_of(
        [&] { require_open_for_transfer("0123456789", kClosed, received, "bank_account_number"); });
    ASSERT_TRUE(refusal) << received.iso();
    EXPECT_EQ(refusal->code, platform::ErrorCode::kInvalidArgument);
    EXPECT_EQ(refusal->field, "bank_account_number");
    EXPECT_EQ(refusal->reason, reason::kAccountClosed);
  }
}

TEST(AccountClosing, ClosesAnOpenAccountAfterItsLastTransfer) {
  EXPECT_NO_THROW(require_closable(std::nullopt, std::nullopt, kClosed, "close_accounts[0]"));
  EXPECT_NO_THROW(
      require_closable(std::nullopt, platform::Date{2024, 5, 31}, kClosed, "close_accounts[0]"));
}

TEST(AccountClosing, RefusesAnAccountClosedAlready) {
  EXPECT_TRUE(refuses_field(
      [] {
        require_closable(platform::Date{2024, 1, 1}, std::nullopt, kClosed, "close_accounts[1]");
      },
      "close_accounts[1].account_number"));
}

TEST(AccountClosing, RefusesAClosingDayOnOrBeforeTheLastTransfer) {
  EXPECT_TRUE(
      refuses_field([] { require_closable(std::nullopt, kClosed, kClosed, "close_accounts[0]"); },
                    "close_accounts[0].closed_on"));
  EXPECT_TRUE(refuses_field(
      [] {
        require_closable(std::nullopt, platform::Date{2024, 7, 1}, kClosed, "close_accounts[0]");
      },
      "close_accounts[0].closed_on"));
}

TEST(FundVersion, AChangeIsForTheVersionTheCallerRead) {
  EXPECT_NO_THROW(require_fund_version("fund-736", 3, 3));
  const auto refusal = refusal_of([] { require_fund_version("fund-736", 4, 3); });
  ASSERT_TRUE(refusal);
  EXPECT_EQ(refusal->code, platform::ErrorCode::kFailedPrecondition);
  EXPECT_EQ(refusal->field, "expected_version");
  EXPECT_EQ(refusal->reason, reason::kFundVersionStale);
}

}  // namespace
}  // namespace vnn::donation::rules
