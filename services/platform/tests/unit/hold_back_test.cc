// A held-back event waits for the one before it longer than a dead consumer's ack wait.
#include "events/hold_back.h"

#include <gtest/gtest.h>

namespace vnn::platform::events {
namespace {

using std::chrono::milliseconds;

const HoldBackPolicy kDefaults{
    .retry_delay = milliseconds(500), .ack_wait = milliseconds(30'000), .max_deliveries = 5};

TEST(HoldBackTest, DelaysDoubleUpToAQuarterOfTheAckWait) {
  EXPECT_EQ(hold_back_delay(kDefaults, 1), milliseconds(500));
  EXPECT_EQ(hold_back_delay(kDefaults, 2), milliseconds(1000));
  EXPECT_EQ(hold_back_delay(kDefaults, 4), milliseconds(4000));
  EXPECT_EQ(hold_back_delay(kDefaults, 5), milliseconds(7500));
  EXPECT_EQ(hold_back_delay(kDefaults, 60), milliseconds(7500));
}

TEST(HoldBackTest, AnEventIsHeldBackUntilItHasWaitedTwiceTheAckWait) {
  // Waited before each delivery: 0, 0.5, 1.5, 3.5, 7.5, 15, 22.5, … 52.5, 60 s.
  for (int delivered = 1; delivered <= 11; ++delivered) {
    EXPECT_TRUE(hold_back_again(kDefaults, delivered)) << delivered;
  }
  EXPECT_FALSE(hold_back_again(kDefaults, 12));
}

TEST(HoldBackTest, AShortAckWaitStillGivesTheDeliveryLimit) {
  const HoldBackPolicy quick{
      .retry_delay = milliseconds(500), .ack_wait = milliseconds(100), .max_deliveries = 5};
  // Delays of 25 ms: twice the ack wait is waited by the ninth delivery.
  EXPECT_EQ(hold_back_delay(quick, 3), milliseconds(25));
  EXPECT_TRUE(hold_back_again(quick, 8));
  EXPECT_FALSE(hold_back_again(quick, 9));
  const HoldBackPolicy none{
      .retry_delay = milliseconds(0), .ack_wait = milliseconds(0), .max_deliveries = 5};
  EXPECT_EQ(hold_back_delay(none, 1), milliseconds(1));
  EXPECT_TRUE(hold_back_again(none, 4));
  EXPECT_FALSE(hold_back_again(none, 5));
}

}  // namespace
}  // namespace vnn::platform::events
