#include "rules/reversal.h"

#include <gtest/gtest.h>

#include "refusal.h"
#include "rules/reason_codes.h"

namespace vnn::donation::rules {
namespace {

TEST(Reversal, AnOrdinaryDonationMayBeReversed) { EXPECT_NO_THROW(require_reversible(17, {})); }

TEST(Reversal, AReversalIsNotReversedItself) {
  const auto refusal = refusal_of([] { require_reversible(18, {.reverses = 17}); });
  ASSERT_TRUE(refusal);
  EXPECT_EQ(refusal->code, platform::ErrorCode::kFailedPrecondition);
  EXPECT_EQ(refusal->reason, reason::kDonationIsReversal);
}

TEST(Reversal, ADonationIsReversedOnlyOnce) {
  try {
    require_reversible(17, {.reversed_by = 18});
    FAIL() << "expected a refusal";
  } catch (const platform::Error& e) {
    EXPECT_EQ(e.code(), platform::ErrorCode::kFailedPrecondition);
    EXPECT_EQ(e.reason(), reason::kDonationAlreadyReversed);
    EXPECT_EQ(e.subject(), "donation/17");
    EXPECT_EQ(e.vietnamese(), "Khoản 17 đã được hủy bằng bút toán 18");
  }
}

}  // namespace
}  // namespace vnn::donation::rules
