#include "rules/donor_identity.h"

#include <gtest/gtest.h>

#include "rules/reason_codes.h"

namespace vnn::donation::rules {
namespace {

TEST(DonorNameKey, DropsVietnameseMarksCaseAndSpacing) {
  EXPECT_EQ(donor_name_key("Nguyễn Thị A"), "nguyen thi a");
  EXPECT_EQ(donor_name_key("  NGUYEN   thi\tA "), "nguyen thi a");
  EXPECT_EQ(donor_name_key("Trần Văn B"), "tran van b");
  EXPECT_EQ(donor_name_key("Công ty Cổ phần Sữa Việt Nam"), "cong ty co phan sua viet nam");
  EXPECT_EQ(donor_name_key("Ưng Hoàng Phúc"), "ung hoang phuc");
  EXPECT_EQ(donor_name_key("Lý Thị Ỷ"), "ly thi y");
}

TEST(DonorNameKey, ReadsDAndCapitalDWithStrokeAsD) {
  EXPECT_EQ(donor_name_key("Đỗ Thị Hoa"), "do thi hoa");
  EXPECT_EQ(donor_name_key("đặng đình đức"), "dang dinh duc");
  EXPECT_EQ(donor_name_key("ĐẶNG ĐÌNH ĐỨC"), donor_name_key("Dang Dinh Duc"));
}

TEST(DonorNameKey, DecomposedTextComparesAsComposed) {
  // "Nguyễn" in NFD: e, combining circumflex, combining tilde.
  EXPECT_EQ(donor_name_key("Nguye\xCC\x82\xCC\x83n"), donor_name_key("Nguyễn"));
}

TEST(DonorNameKey, KeepsWhatItDoesNotKnowAndNeverMergesInvalidBytes) {
  EXPECT_EQ(donor_name_key("Hội Chữ thập đỏ (Định Quán)"), "hoi chu thap do (dinh quan)");
  EXPECT_NE(donor_name_key("a\xFF"), donor_name_key("a\xFE"));
  EXPECT_EQ(donor_name_key(""), "");
  EXPECT_EQ(donor_name_key("   "), "");
}

TEST(SameDonor, NeedsTheSameKindAndName) {
  EXPECT_TRUE(same_donor("individual", "Nguyễn Thị A", "individual", "nguyen thi a"));
  EXPECT_FALSE(same_donor("individual", "Nguyễn Thị A", "individual", "Trần Văn B"));
  EXPECT_FALSE(same_donor("business", "Nguyễn Thị A", "individual", "Nguyễn Thị A"));
  // Other letters are different names, even when they differ only by a mark-free letter.
  EXPECT_FALSE(same_donor("individual", "Nguyễn Thị An", "individual", "Nguyễn Thị Ân Ân"));
}

TEST(DonorIdentifierConflict, NamesTheFieldAndTheReasonOnly) {
  const auto error = donor_identifier_conflict("donor.tax_code");
  EXPECT_EQ(error.code(), platform::ErrorCode::kFailedPrecondition);
  EXPECT_EQ(error.field(), "donor.tax_code");
  EXPECT_EQ(error.reason(), reason::kDonorIdentifierConflict);
  EXPECT_NE(error.vietnamese().find("nhà tài trợ"), std::string::npos);
}

}  // namespace
}  // namespace vnn::donation::rules
