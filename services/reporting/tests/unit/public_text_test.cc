#include "rules/public_text.h"

#include <gtest/gtest.h>

namespace vnn::reporting::rules {
namespace {

TEST(PublicText, MasksPhoneNumbersAsPeopleWriteThem) {
  EXPECT_EQ(mask_public_text("Anh Ba 0912345678"), "Anh Ba ***");
  EXPECT_EQ(mask_public_text("Anh Ba 0912 345 678"), "Anh Ba ***");
  EXPECT_EQ(mask_public_text("Anh Ba 0912.345.678"), "Anh Ba ***");
  EXPECT_EQ(mask_public_text("Anh Ba (+84 912-345-678)"), "Anh Ba (***)");
}

TEST(PublicText, MasksCitizenIdsAndAccountNumbers) {
  EXPECT_EQ(mask_public_text("CCCD 001088012345"), "CCCD ***");
  EXPECT_EQ(mask_public_text("STK: 1903-5678-9012-34 Techcombank"), "STK: *** Techcombank");
  EXPECT_EQ(mask_public_text("123456"), "***");
}

TEST(PublicText, KeepsShortNumbers) {
  EXPECT_EQ(mask_public_text("Tổ 5, thôn 12"), "Tổ 5, thôn 12");
  EXPECT_EQ(mask_public_text("Công ty 12345"), "Công ty 12345");
  EXPECT_EQ(mask_public_text("Lớp 12 - 2024"),
            "Lớp 12 - 2024");  // 6 digits, but a dash with spaces
}

TEST(PublicText, MasksEmailAddresses) {
  EXPECT_EQ(mask_public_text("Chị Lan (lan.nguyen+qt@example.com.vn)"), "Chị Lan (***@***)");
  EXPECT_EQ(mask_public_text("a@b"), "***@***");
  EXPECT_EQ(mask_public_text("@ 5 @"), "@ 5 @");
}

TEST(PublicText, KeepsVietnameseText) {
  EXPECT_EQ(mask_public_text("Công ty TNHH Hưng Thịnh"), "Công ty TNHH Hưng Thịnh");
  EXPECT_EQ(mask_public_text(""), "");
}

TEST(PublicText, AnonymousDonorsAndUnnamedHouseholds) {
  EXPECT_EQ(public_donor(""), kAnonymousDonor);
  EXPECT_EQ(public_donor("  "), kAnonymousDonor);
  EXPECT_EQ(public_donor("0912345678"), "***");
  EXPECT_EQ(public_donor("Nguyễn Văn An"), "Nguyễn Văn An");
  EXPECT_EQ(public_household(""), kUnnamedHousehold);
  EXPECT_EQ(public_household("N*** V** A"), "N*** V** A");
  EXPECT_EQ(public_household("Hộ L. T. H 079203001234"), "Hộ L. T. H ***");
}

}  // namespace
}  // namespace vnn::reporting::rules
