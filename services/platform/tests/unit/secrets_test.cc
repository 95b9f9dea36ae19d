#include "vnn/platform/crypto/secrets.h"

#include <gtest/gtest.h>

namespace vnn::platform::crypto {
namespace {

const std::string kSecret(40, 'k');

TEST(KeyedHash, EqualValuesMatchAndKeysSeparate) {
  EXPECT_EQ(keyed_hash(kSecret, "075095001289"), keyed_hash(kSecret, "075095001289"));
  EXPECT_NE(keyed_hash(kSecret, "075095001289"), keyed_hash(kSecret, "075095001288"));
  EXPECT_NE(keyed_hash(kSecret, "075095001289"), keyed_hash(std::string(40, 'x'), "075095001289"));
  EXPECT_EQ(keyed_hash(kSecret, "x").size(), 32u);
}

TEST(Sealer, RoundTripsAndNeverRepeatsCiphertext) {
  Sealer sealer(kSecret);
  const auto a = sealer.seal("075095001289", "person:1");
  const auto b = sealer.seal("075095001289", "person:1");
  EXPECT_NE(a, b);  // a fresh nonce each time: equal ids are not visible as equal rows
  EXPECT_EQ(a.find("075095001289"), std::string::npos);
  EXPECT_EQ(sealer.open(a, "person:1"), "075095001289");
  EXPECT_EQ(sealer.open(b, "person:1"), "075095001289");
}

TEST(Sealer, RefusesAlteredMovedOrForeignValues) {
  Sealer sealer(kSecret);
  auto sealed = sealer.seal("075095001289", "person:1");
  EXPECT_THROW(sealer.open(sealed, "person:2"), std::runtime_error);
  EXPECT_THROW(Sealer(std::string(40, 'x')).open(sealed, "person:1"), std::runtime_error);
  sealed[14] ^= 1;
  EXPECT_THROW(sealer.open(sealed, "person:1"), std::runtime_error);
  EXPECT_THROW(sealer.open("short", "person:1"), std::runtime_error);
}

}  // namespace
}  // namespace vnn::platform::crypto
