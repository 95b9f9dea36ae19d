// Page tokens: signed, bound to the caller and the query, expiring; replicas with one key accept
// each other's, and a rotation keeps the previous key for verifying.

#include "vnn/platform/rpc/paging.h"

#include <gtest/gtest.h>

namespace vnn::platform::rpc {
namespace {

using std::chrono::seconds;
const auto kNow = std::chrono::system_clock::time_point(seconds(1'800'000'000));
const std::string kKey(32, 'k');

TEST(PageTokenTest, ContinuesTheQueryItWasIssuedForUntilItExpires) {
  const PageTokenSigner signer({kKey}, seconds(60));
  const auto token = signer.issue("officer A, ListHouseholds, hamlet X", 1234, kNow);
  EXPECT_EQ(signer.verify(token, "officer A, ListHouseholds, hamlet X", kNow), 1234);
  EXPECT_EQ(signer.verify(token, "officer A, ListHouseholds, hamlet X", kNow + seconds(60)), 1234);
  EXPECT_FALSE(signer.verify(token, "officer A, ListHouseholds, hamlet X", kNow + seconds(61)));
  EXPECT_FALSE(signer.verify(token, "officer B, ListHouseholds, hamlet X", kNow));
  EXPECT_FALSE(signer.verify(token, "officer A, ListHouseholds, hamlet Y", kNow));
  // The id does not show in the clear as a number one could edit.
  EXPECT_EQ(token.find("1234"), std::string::npos);
}

TEST(PageTokenTest, AnAlteredTruncatedOrForeignTokenIsRefused) {
  const PageTokenSigner signer({kKey}, seconds(60));
  const auto token = signer.issue("b", 7, kNow);
  for (std::size_t at = 0; at < token.size(); ++at) {
    auto altered = token;
    altered[at] = altered[at] == 'a' ? 'b' : 'a';
    EXPECT_FALSE(signer.verify(altered, "b", kNow)) << at;
  }
  EXPECT_FALSE(signer.verify(token.substr(0, token.size() - 2), "b", kNow));
  EXPECT_FALSE(signer.verify("", "b", kNow));
  EXPECT_FALSE(signer.verify("7.123456", "b", kNow));
  EXPECT_FALSE(signer.verify("zz" + token.substr(2), "b", kNow));
  const PageTokenSigner other({std::string(32, 'o')}, seconds(60));
  EXPECT_FALSE(other.verify(token, "b", kNow));
  EXPECT_FALSE(PageTokenSigner::ephemeral(seconds(60)).verify(token, "b", kNow));
}

TEST(PageTokenTest, ReplicasShareAKeyAndARotationKeepsThePreviousOneForVerifying) {
  const PageTokenSigner replica_a({kKey}, seconds(60));
  const PageTokenSigner replica_b({kKey}, seconds(60));
  const auto token = replica_a.issue("b", 99, kNow);
  EXPECT_EQ(replica_b.verify(token, "b", kNow), 99);
  const std::string next_key(32, 'n');
  const PageTokenSigner rotated({next_key, kKey}, seconds(60));
  EXPECT_EQ(rotated.verify(token, "b", kNow), 99);
  const auto fresh = rotated.issue("b", 100, kNow);
  EXPECT_FALSE(replica_a.verify(fresh, "b", kNow));  // signed with the new key
  EXPECT_EQ(PageTokenSigner({next_key}, seconds(60)).verify(fresh, "b", kNow), 100);
}

TEST(PageTokenTest, NeedsAKeyAndALifetime) {
  EXPECT_THROW(PageTokenSigner({}, seconds(60)), std::invalid_argument);
  EXPECT_THROW(PageTokenSigner({kKey}, seconds(0)), std::invalid_argument);
}

}  // namespace
}  // namespace vnn::platform::rpc
