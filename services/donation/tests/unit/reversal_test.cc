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

TEST(Reversal, TheOfficerWhoAskedCannotDecide) {
  for (bool approve : {true, false}) {
    const auto refusal = refusal_of(
        [&] { require_may_decide(5, false, "thu-quy", "thu-quy", approve, "Không đồng ý"); });
    ASSERT_TRUE(refusal);
    EXPECT_EQ(refusal->code, platform::ErrorCode::kPermissionDenied);
    EXPECT_EQ(refusal->reason, platform::reason::kSameOfficer);
  }
  EXPECT_NO_THROW(require_may_decide(5, false, "thu-quy", "ke-toan", true, ""));
}

TEST(Reversal, ARequestIsDecidedOnceAndARejectionSaysWhy) {
  const auto decided = refusal_of([] { require_may_decide(5, true, "a", "b", true, ""); });
  ASSERT_TRUE(decided);
  EXPECT_EQ(decided->code, platform::ErrorCode::kFailedPrecondition);
  EXPECT_EQ(decided->reason, reason::kReversalAlreadyDecided);
  EXPECT_TRUE(refuses_field([] { require_may_decide(5, false, "a", "b", false, "  "); }, "note"));
  EXPECT_NO_THROW(require_may_decide(5, false, "a", "b", false, "Biên lai đúng"));
}

TEST(Reversal, OneRequestWaitsAtATime) {
  EXPECT_NO_THROW(require_no_pending_request(17, std::nullopt));
  const auto refusal = refusal_of([] { require_no_pending_request(17, 3); });
  ASSERT_TRUE(refusal);
  EXPECT_EQ(refusal->code, platform::ErrorCode::kFailedPrecondition);
  EXPECT_EQ(refusal->reason, reason::kReversalPending);
}

}  // namespace
}  // namespace vnn::donation::rules
