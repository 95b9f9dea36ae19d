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

namespace vnn::platform::crypto {
namespace {

const std::string kOther(40, 'o');

TEST(Keyring, SealsUnderTheCurrentKeyAndOpensUnderAnyKeyOfTheRing) {
  const Keyring old_ring({{"k1", kSecret}}, "k1");
  const std::string sealed = old_ring.seal("075095001289", "person:1/0");
  EXPECT_EQ(Keyring::key_id_of(sealed), "k1");
  // Rotated: k2 is current, k1 still opens what it sealed.
  const Keyring ring({{"k1", kSecret}, {"k2", kOther}}, "k2");
  EXPECT_EQ(ring.open(sealed, "person:1/0", ""), "075095001289");
  const std::string resealed = ring.seal("075095001289", "person:1/0");
  EXPECT_EQ(Keyring::key_id_of(resealed), "k2");
  EXPECT_EQ(ring.open(resealed, "person:1/0", ""), "075095001289");
  // Once k1 is gone, only what was resealed opens.
  const Keyring k2_only({{"k2", kOther}}, "k2");
  EXPECT_EQ(k2_only.open(resealed, "person:1/0", ""), "075095001289");
  EXPECT_THROW(k2_only.open(sealed, "person:1/0", ""), std::runtime_error);
}

TEST(Keyring, AValueMovedToAnotherRowOrFieldDoesNotOpen) {
  const Keyring ring({{"k1", kSecret}}, "k1");
  const std::string sealed = ring.seal("075095001289", "household.person.citizen_id|1/0");
  EXPECT_THROW(ring.open(sealed, "household.person.citizen_id|2/0", ""), std::runtime_error);
  EXPECT_THROW(ring.open(sealed, "household.address|1/0", ""), std::runtime_error);
}

TEST(Keyring, ValuesWithoutKeyIdOpenOnlyUnderTheLegacyKeyAndTheirOldContext) {
  const std::string bare = Sealer(kSecret).seal("075095001289", "household.person.citizen_id");
  EXPECT_EQ(Keyring::key_id_of(bare), "");
  const Keyring with_legacy({{"k0", kSecret}, {"k2", kOther}}, "k2", "k0");
  EXPECT_EQ(
      with_legacy.open(bare, "household.person.citizen_id|1/0", "household.person.citizen_id"),
      "075095001289");
  const Keyring without({{"k0", kSecret}, {"k2", kOther}}, "k2");
  EXPECT_THROW(without.open(bare, "x", "household.person.citizen_id"), std::runtime_error);
}

TEST(Keyring, RefusesABadRing) {
  EXPECT_THROW(Keyring({{"k1", kSecret}}, "k2"), std::invalid_argument);
  EXPECT_THROW(Keyring({{"bad id", kSecret}}, "bad id"), std::invalid_argument);
  EXPECT_THROW(Keyring({{"k1", kSecret}}, "k1", "k0"), std::invalid_argument);
}

}  // namespace
}  // namespace vnn::platform::crypto
