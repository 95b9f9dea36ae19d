#include "rules/donor_shape.h"

#include <gtest/gtest.h>

#include "refusal.h"

namespace vnn::donation::rules {
namespace {

DonorShape individual() { return {.kind_given = true, .name = "Nguyễn Văn An"}; }
DonorShape anonymous() { return {.kind_given = true, .anonymous = true}; }

TEST(DonorShapeTest, AcceptsANamedDonorAndAnAnonymousOneWithoutAName) {
  EXPECT_NO_THROW(check_donor(individual(), "donor"));
  EXPECT_NO_THROW(check_donor(anonymous(), "donor"));
}

TEST(DonorShapeTest, RefusesAMissingKind) {
  auto d = individual();
  d.kind_given = false;
  EXPECT_TRUE(refuses_field([&] { check_donor(d, "donor"); }, "donor.kind"));
  EXPECT_TRUE(refuses_field([&] { check_donor_name(d, "donor"); }, "donor.kind"));
}

TEST(DonorShapeTest, RefusesANamedDonorWithoutAName) {
  auto d = individual();
  d.name.clear();
  EXPECT_TRUE(refuses_field([&] { check_donor_name(d, "donor"); }, "donor.name"));
}

TEST(DonorShapeTest, RefusesAnAnonymousDonorWithIdentifiers) {
  auto d = anonymous();
  d.phone = "0912345678";
  EXPECT_TRUE(refuses_field([&] { check_donor(d, "donor"); }, "donor"));
}

TEST(DonorShapeTest, RefusesAMalformedTaxCode) {
  auto d = individual();
  d.tax_code = "12";
  EXPECT_TRUE(refuses_field([&] { check_donor(d, "donor"); }, "donor.tax_code"));
}

TEST(DonorShapeTest, RefusesAMalformedCitizenId) {
  auto d = individual();
  d.citizen_id = "12345";
  EXPECT_TRUE(refuses_field([&] { check_donor(d, "donor"); }, "donor.citizen_id"));
}

TEST(DonorShapeTest, RefusesAMalformedPhone) {
  auto d = individual();
  d.phone = "12";
  EXPECT_TRUE(refuses_field([&] { check_donor(d, "donor"); }, "donor.phone"));
}

TEST(DonorShapeTest, NormalizesTheIdentifiersItAccepts) {
  auto d = individual();
  d.phone = "0912 345 678";
  const auto ids = check_donor(d, "donor");
  ASSERT_TRUE(ids.phone);
  EXPECT_FALSE(ids.tax_code);
  EXPECT_FALSE(ids.citizen_id);
  EXPECT_TRUE(d.has_identifiers());
}

}  // namespace
}  // namespace vnn::donation::rules
