// The dataset loader reads through text::CsvReader; these pin what the private splitter it
// replaced did, where the two could differ.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "vnn/platform/units/admin_unit_tree.h"

namespace vnn::platform::units {
namespace {

constexpr const char* kHeader = "code,name,kind,parent_code,valid_from,valid_to,successor_code\n";
const std::string kProvince = "75,Tỉnh Đồng Nai,province,,,,\n";

std::string error_of(const std::string& csv) {
  try {
    AdminUnitTree::from_csv(csv);
  } catch (const std::invalid_argument& error) {
    return error.what();
  }
  return "(accepted)";
}

TEST(AdminUnitDatasetTest, AQuotedFieldSpanningLinesIsUnterminatedOnItsFirstLine) {
  const std::string message =
      error_of(std::string(kHeader) + kProvince + "736,\"Huyện\nĐịnh Quán\",district,75,,,\n");
  EXPECT_NE(message.find("line 3: unterminated quoted field"), std::string::npos) << message;
}

TEST(AdminUnitDatasetTest, BlankLinesAreSkippedAndLaterLinesKeepTheirNumbers) {
  const std::string message =
      error_of(std::string(kHeader) + "\r\n" + kProvince + "\n" + "736,,district,75,,,\n");
  EXPECT_NE(message.find("line 5: name is empty"), std::string::npos) << message;
}

TEST(AdminUnitDatasetTest, AFileWithoutAFinalLineEndKeepsItsLastRow) {
  const AdminUnitTree tree =
      AdminUnitTree::from_csv(std::string(kHeader) + "75,Tỉnh Đồng Nai,province,,,,");
  ASSERT_EQ(tree.all().size(), 1u);
  EXPECT_EQ(tree.all().front().name, "Tỉnh Đồng Nai");
}

TEST(AdminUnitDatasetTest, AHeaderAfterABlankLineIsNotAHeader) {
  const std::string message = error_of(std::string("\n") + kHeader + kProvince);
  EXPECT_NE(message.find("line 1: header must be"), std::string::npos) << message;
}

}  // namespace
}  // namespace vnn::platform::units
