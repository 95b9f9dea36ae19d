// A held-back event waits for the one before it longer than a dead consumer's ack wait.
#include "events/hold_back.h"

#include <gtest/gtest.h>

namespace vnn::platform::events {
namespace {

using std::chrono::milliseconds;

const HoldBackPolicy kDefaults{
    .retry_delay = milliseconds(500), .ack_wait = milliseconds(30'000), .max_deliveries = 5};

TEST(HoldBackTest, DelaysDoubleUpToTheAckWait) {
  EXPECT_EQ(hold_back_delay(kDefaults, 1), milliseconds(500));
  EXPECT_EQ(hold_back_delay(kDefaults, 2), milliseconds(1000));
  EXPECT_EQ(hold_back_delay(kDefaults, 5), milliseconds(8000));
  EXPECT_EQ(hold_back_delay(kDefaults, 7), milliseconds(30'000));
  EXPECT_EQ(hold_back_delay(kDefaults, 60), milliseconds(30'000));
}

TEST(HoldBackTest, AnEventIsHeldBackUntilItHasWaitedTwiceTheAckWait) {
  // Waited before each delivery: 0, 0.5, 1.5, 3.5, 7.5, 15.5, 31.5, 61.5 s.
  for (int delivered = 1; delivered <= 7; ++delivered) {
    EXPECT_TRUE(hold_back_again(kDefaults, delivered)) << delivered;
  }
  EXPECT_FALSE(hold_back_again(kDefaults, 8));
}

TEST(HoldBackTest, AShortAckWaitStillGivesTheDeliveryLimit) {
  const HoldBackPolicy quick{
      .retry_delay = milliseconds(500), .ack_wait = milliseconds(100), .max_deliveries = 5};
  EXPECT_TRUE(hold_back_again(quick, 4));
  EXPECT_FALSE(hold_back_again(quick, 5));
}

}  // namespace
}  // namespace vnn::platform::events
