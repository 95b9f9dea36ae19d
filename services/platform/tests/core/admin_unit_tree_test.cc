#include "vnn/platform/units/admin_unit_tree.h"

#include <gtest/gtest.h>

#include <set>
#include <stdexcept>
#include <string>

namespace vnn::platform::units {
namespace {

const Date kCampaign2024{2024, 3, 1};  // inside the 2024 peak mobilisation period
const Date kLastOldDay{2025, 6, 30};   // the 2024 units' last day
const Date kFirstNewDay{2025, 7, 1};   // the merged communes' first day
const Date kAfterMerger{2025, 8, 1};
const Date kBeforeMerger{2025, 6, 20};  // Resolution 1662 passed, not yet in effect

const AdminUnitTree& tree() { return AdminUnitTree::builtin(); }

std::string error_of(std::string_view csv) {
  try {
    AdminUnitTree::from_csv(csv);
  } catch (const std::invalid_argument& error) {
    return error.what();
  }
  return "(accepted)";
}

constexpr std::string_view kHeader =
    "code,name,kind,parent_code,valid_from,valid_to,successor_code\n";

// ---- the shipped data ----------------------------------------------------------------------

TEST(AdminUnitTreeBuiltinTest, HasEveryVersionOfTheDinhQuanDataset) {
  EXPECT_EQ(tree().all().size(), 23u);
  EXPECT_EQ(tree().all().front().code, "75");
  std::set<std::string> codes;
  for (const AdminUnit& unit : tree().all()) codes.insert(unit.code);
  EXPECT_EQ(codes.size(), 18u);  // five codes were reused by the merged communes
}

TEST(AdminUnitTreeBuiltinTest, KeepsOfficialNamesWithDiacritics) {
  const AdminUnit* phu_tuc = tree().find("26242", kCampaign2024);
  ASSERT_NE(phu_tuc, nullptr);
  EXPECT_EQ(phu_tuc->name, "Xã Phú Túc");
  EXPECT_EQ(phu_tuc->kind, UnitKind::kCommune);
  EXPECT_EQ(phu_tuc->parent_code, "736");
  EXPECT_EQ(phu_tuc->successor_code, "26299");
  EXPECT_EQ(phu_tuc->valid_from, std::nullopt);
  EXPECT_EQ(phu_tuc->valid_to, kLastOldDay);

  EXPECT_EQ(tree().find("75", kCampaign2024)->name, "Tỉnh Đồng Nai");
  EXPECT_EQ(tree().find("736", kCampaign2024)->name, "Huyện Định Quán");
  // "Phú Hòa" with the precomposed ò (U+00F2), as GSO and Resolution 1662 write it.
  EXPECT_EQ(tree().find("26221", kCampaign2024)->name, "X\u00e3 Ph\u00fa H\u00f2a");
  EXPECT_EQ(tree().find("26299", kAfterMerger)->name, "Xã Thống Nhất");
  EXPECT_EQ(tree().find("26428", kAfterMerger)->name, "Xã Xuân Bắc");
}

TEST(AdminUnitTreeBuiltinTest, ResolvesAReusedCodeByDate) {
  const AdminUnit* township = tree().find("26206", kCampaign2024);
  ASSERT_NE(township, nullptr);
  EXPECT_EQ(township->name, "Thị trấn Định Quán");
  EXPECT_EQ(township->kind, UnitKind::kTownship);
  EXPECT_EQ(township->parent_code, "736");

  const AdminUnit* commune = tree().find("26206", kAfterMerger);
  ASSERT_NE(commune, nullptr);
  EXPECT_EQ(commune->name, "Xã Định Quán");
  EXPECT_EQ(commune->kind, UnitKind::kCommune);
  EXPECT_EQ(commune->parent_code, "75");

  EXPECT_EQ(tree().find("26206", kLastOldDay), township);
  EXPECT_EQ(tree().find("26206", kFirstNewDay), commune);
}

TEST(AdminUnitTreeBuiltinTest, DistrictEndsWithTheThreeLevelSystem) {
  EXPECT_NE(tree().find("736", kLastOldDay), nullptr);
  EXPECT_EQ(tree().find("736", kFirstNewDay), nullptr);
  EXPECT_TRUE(tree().find("736", kLastOldDay)->successor_code.empty());
  EXPECT_NE(tree().find("75", kAfterMerger), nullptr);
}

TEST(AdminUnitTreeBuiltinTest, CodesFromOutsideTheDistrictAreUnknownBeforeTheMerger) {
  // 26299 was Gia Tân 1 in Huyện Thống Nhất: not in this dataset, and not Xã Thống Nhất.
  EXPECT_EQ(tree().find("26299", kCampaign2024), nullptr);
  EXPECT_EQ(tree().find("26428", kCampaign2024), nullptr);
  EXPECT_EQ(tree().find("99999", kCampaign2024), nullptr);
}

TEST(AdminUnitTreeBuiltinTest, ListsChildrenOnADate) {
  EXPECT_EQ(tree().children("736", kCampaign2024).size(), 14u);
  EXPECT_TRUE(tree().children("736", kAfterMerger).empty());
  EXPECT_EQ(tree().children("75", kCampaign2024).size(), 1u);  // the district
  EXPECT_EQ(tree().children("75", kAfterMerger).size(), 7u);   // the merged communes
  const auto provinces = tree().children("", kAfterMerger);
  ASSERT_EQ(provinces.size(), 1u);
  EXPECT_EQ(provinces.front()->code, "75");
}

TEST(AdminUnitTreeBuiltinTest, EveryOldUnitHasOneSuccessorOnTheFirstNewDay) {
  const std::multiset<std::string> expected{"26206", "26206", "26206", "26206", "26209",
                                            "26215", "26215", "26221", "26221", "26227",
                                            "26227", "26299", "26299", "26428"};
  std::multiset<std::string> successors;
  for (const AdminUnit* unit : tree().children("736", kCampaign2024)) {
    ASSERT_FALSE(unit->successor_code.empty()) << unit->code;
    EXPECT_NE(tree().find(unit->successor_code, kFirstNewDay), nullptr) << unit->code;
    successors.insert(unit->successor_code);
  }
  EXPECT_EQ(successors, expected);
}

// ---- covers --------------------------------------------------------------------------------

TEST(AdminUnitTreeCoversTest, DistrictCoversItsCommunesIn2024) {
  EXPECT_TRUE(tree().covers("736", "26242", kCampaign2024));
  EXPECT_TRUE(tree().covers("736", "26242", kCampaign2024, kCampaign2024));
  EXPECT_TRUE(tree().covers("736", "736", kCampaign2024, kCampaign2024));
}

TEST(AdminUnitTreeCoversTest, ProvinceCoversEverything) {
  for (const AdminUnit& unit : tree().all()) {
    const Date date = unit.valid_from.value_or(kCampaign2024);
    EXPECT_TRUE(tree().covers("75", unit.code, date, kCampaign2024)) << unit.code;
    EXPECT_TRUE(tree().covers("75", unit.code, date, kAfterMerger)) << unit.code;
  }
}

TEST(AdminUnitTreeCoversTest, NeverCoversUnitsBesideOrAbove) {
  for (const Date& today : {kCampaign2024, kAfterMerger}) {
    EXPECT_FALSE(tree().covers("26242", "26236", kCampaign2024, today));
    EXPECT_FALSE(tree().covers("26242", "736", kCampaign2024, today));
    EXPECT_FALSE(tree().covers("26242", "75", kCampaign2024, today));
  }
  EXPECT_FALSE(tree().covers("26215", "26221", kAfterMerger, kAfterMerger));
  EXPECT_FALSE(tree().covers("26206", "75", kAfterMerger, kAfterMerger));
}

TEST(AdminUnitTreeCoversTest, MergedCommuneCoversTheOldUnitsItTookIn) {
  // Xã Thống Nhất (26299 from 2025-07-01) took in Phú Túc and Phú Cường from Định Quán.
  EXPECT_TRUE(tree().covers("26299", "26242", kCampaign2024, kAfterMerger));
  EXPECT_TRUE(tree().covers("26299", "26236", kCampaign2024, kAfterMerger));
  // Suối Nho went to Xã Xuân Bắc instead.
  EXPECT_FALSE(tree().covers("26299", "26245", kCampaign2024, kAfterMerger));
  EXPECT_TRUE(tree().covers("26428", "26245", kCampaign2024, kAfterMerger));
}

TEST(AdminUnitTreeCoversTest, ReusedCodeIsNotTheOldUnitOfThatCode) {
  // A 2024 record of code 26299 is Gia Tân 1, a different unit, unknown to this dataset.
  EXPECT_FALSE(tree().covers("26299", "26299", kCampaign2024, kAfterMerger));
  EXPECT_TRUE(tree().covers("26299", "26299", kAfterMerger, kAfterMerger));
  // Before the merger takes effect, 26299 is not yet Xã Thống Nhất and covers nothing here.
  EXPECT_FALSE(tree().covers("26299", "26242", kCampaign2024, kBeforeMerger));
}

TEST(AdminUnitTreeCoversTest, TownshipAndMergedCommuneOfOneCodeDiffer) {
  // In 2024, 26206 is the township: Ngọc Định beside it is not its business.
  EXPECT_FALSE(tree().covers("26206", "26224", kCampaign2024, kCampaign2024));
  EXPECT_TRUE(tree().covers("26206", "26206", kCampaign2024, kCampaign2024));
  // From 1 July 2025, 26206 is the commune formed from four units, Ngọc Định among them.
  EXPECT_TRUE(tree().covers("26206", "26224", kCampaign2024, kAfterMerger));
  EXPECT_TRUE(tree().covers("26206", "26206", kCampaign2024, kAfterMerger));
  EXPECT_TRUE(tree().covers("26206", "26233", kCampaign2024, kAfterMerger));
  EXPECT_FALSE(tree().covers("26206", "26212", kCampaign2024, kAfterMerger));
  // The overload without "today" uses the date in Vietnam now, which is after the merger.
  EXPECT_TRUE(tree().covers("26206", "26224", kCampaign2024));
}

TEST(AdminUnitTreeCoversTest, AbolishedDistrictKeepsOnlyItsOwnRecords) {
  EXPECT_TRUE(tree().covers("736", "26245", kCampaign2024, kAfterMerger));
  EXPECT_FALSE(tree().covers("736", "26206", kAfterMerger, kAfterMerger));
  EXPECT_FALSE(tree().covers("736", "26428", kAfterMerger, kAfterMerger));
}

TEST(AdminUnitTreeCoversTest, UnknownCodesAreCoveredByNothing) {
  EXPECT_FALSE(tree().covers("75", "99999", kCampaign2024, kAfterMerger));
  EXPECT_FALSE(tree().covers("99999", "26242", kCampaign2024, kAfterMerger));
  EXPECT_FALSE(tree().covers("", "26242", kCampaign2024, kAfterMerger));
}

// ---- the CSV format ------------------------------------------------------------------------

TEST(AdminUnitTreeCsvTest, ParsesQuotedFieldsCrlfAndAByteOrderMark) {
  const AdminUnitTree parsed = AdminUnitTree::from_csv(
      "\xEF\xBB\xBF"
      "code,name,kind,parent_code,valid_from,valid_to,successor_code\r\n"
      "01,\"Thành phố Hà Nội\",city,,,,\r\n"
      "001,\"Quận Ba Đình, nội thành\",district,01,,,\r\n"
      "00001,\"Phường \"\"Phúc Xá\"\"\",ward,001,2020-01-01,,\r\n"
      "\r\n");
  ASSERT_EQ(parsed.all().size(), 3u);
  EXPECT_EQ(parsed.all()[0].name, "Thành phố Hà Nội");
  EXPECT_EQ(parsed.all()[0].kind, UnitKind::kCity);
  EXPECT_EQ(parsed.all()[1].name, "Quận Ba Đình, nội thành");
  EXPECT_EQ(parsed.all()[2].name, "Phường \"Phúc Xá\"");
  EXPECT_EQ(parsed.all()[2].valid_from, (Date{2020, 1, 1}));
  EXPECT_EQ(parsed.find("00001", Date{2019, 12, 31}), nullptr);
  EXPECT_NE(parsed.find("00001", Date{2020, 1, 1}), nullptr);
}

TEST(AdminUnitTreeCsvTest, KindNames) {
  EXPECT_EQ(unit_kind_name(UnitKind::kProvince), "province");
  EXPECT_EQ(unit_kind_name(UnitKind::kCity), "city");
  EXPECT_EQ(unit_kind_name(UnitKind::kDistrict), "district");
  EXPECT_EQ(unit_kind_name(UnitKind::kTownship), "township");
  EXPECT_EQ(unit_kind_name(UnitKind::kCommune), "commune");
  EXPECT_EQ(unit_kind_name(UnitKind::kWard), "ward");
}

TEST(AdminUnitTreeCsvTest, RejectsMalformedRowsNamingTheLine) {
  const std::string province = "75,Tỉnh Đồng Nai,province,,,,\n";
  const struct {
    std::string csv;
    std::string expected;
  } cases[] = {
      {"", "line 1: header must be"},
      {"code,name,kind,parent,valid_from,valid_to,successor_code\n", "line 1: header must be"},
      {std::string(kHeader) + province + "736,Huyện Định Quán,district,75\n",
       "line 3: expected 7 fields, found 4"},
      {std::string(kHeader) + province + "736,Huyện Định Quán,county,75,,,\n",
       "line 3: unknown kind \"county\""},
      {std::string(kHeader) + province + "7a6,Huyện Định Quán,district,75,,,\n",
       "line 3: code \"7a6\" is not a numeric code"},
      {std::string(kHeader) + province + "736,,district,75,,,\n", "line 3: name is empty"},
      {std::string(kHeader) + province + "736,Huyện Định Quán,district,75,2025-02-30,,\n",
       "line 3: valid_from \"2025-02-30\" is not a YYYY-MM-DD date"},
      {std::string(kHeader) + province + "736,Huyện Định Quán,district,75,2025-01-01,2024-12-31,\n",
       "line 3: valid_to is before valid_from"},
      {std::string(kHeader) + province + "736,Huyện Định Quán,district,,,,\n",
       "line 3: parent_code is empty"},
      {std::string(kHeader) + "75,Tỉnh Đồng Nai,province,01,,,\n",
       "line 2: a province has no parent"},
      {std::string(kHeader) + province + "736,Huyện Định Quán,district,75,,,26206\n",
       "line 3: a unit still in force (no valid_to) cannot have a successor"},
      {std::string(kHeader) + province + "736,\"Huyện Định Quán,district,75,,,\n",
       "line 3: unterminated quoted field"},
      {std::string(kHeader) + province + "736,\"Huyện\" Định Quán,district,75,,,\n",
       "line 3: unexpected text after a closing quote"},
      {std::string(kHeader) + province + "736,Huyện \"Định\" Quán,district,75,,,\n",
       "line 3: quote inside an unquoted field"},
      // "Định" decomposed: D-stroke is precomposed, but i + combining dot below (U+0323) is NFD.
      {std::string(kHeader) + province + "736,Huyện Đi\xCC\xA3nh Quán,district,75,,,\n",
       "line 3: name is not in Unicode NFC"},
      {std::string(kHeader) + province + "736,Huy\xE1\xBB,district,75,,,\n",
       "line 3: name is not valid UTF-8"},
  };
  for (const auto& c : cases) {
    const std::string message = error_of(c.csv);
    EXPECT_NE(message.find(c.expected), std::string::npos) << message;
  }
}

TEST(AdminUnitTreeCsvTest, RejectsInconsistentRowsNamingTheLine) {
  const std::string province = "75,Tỉnh Đồng Nai,province,,,,\n";
  const std::string district = "736,Huyện Định Quán,district,75,,2025-06-30,\n";
  const struct {
    std::string csv;
    std::string expected;
  } cases[] = {
      {std::string(kHeader) + province + "26242,Xã Phú Túc,commune,737,,2025-06-30,\n",
       "line 3: unknown parent 737"},
      // A commune still in force under a district that ends on 2025-06-30.
      {std::string(kHeader) + province + district + "26242,Xã Phú Túc,commune,736,,,\n",
       "line 4: parent 736 is not in force on 2025-07-01"},
      // A 2025 commune under a district that did not exist then.
      {std::string(kHeader) + province + district +
           "26299,Xã Thống Nhất,commune,736,2025-07-01,,\n",
       "line 4: parent 736 is not in force on 2025-07-01"},
      {std::string(kHeader) + province + district + "26242,Xã Phú Túc,commune,736,,2025-06-30,\n" +
           "26242,Xã Phú Túc,commune,75,2025-06-01,,\n",
       "line 5: code 26242 overlaps its version on line 4"},
      {std::string(kHeader) + province + district +
           "26242,Xã Phú Túc,commune,736,,2025-06-30,26299\n",
       "line 4: successor 26299 is not in force on 2025-07-01"},
      {std::string(kHeader) + province + district + "26242,Xã Phú Túc,commune,736,,2025-06-30,\n" +
           "26243,Xã Thử,commune,26242,,2025-06-30,\n",
       "line 5: parent 26242 (commune) cannot contain a commune"},
  };
  for (const auto& c : cases) {
    const std::string message = error_of(c.csv);
    EXPECT_NE(message.find(c.expected), std::string::npos) << message;
  }
}

TEST(AdminUnitTreeCsvTest, AcceptsAParentThatChangesVersionDuringTheChildsLife) {
  // The province becomes a centrally-run city while its commune carries on unchanged.
  const AdminUnitTree parsed =
      AdminUnitTree::from_csv(std::string(kHeader) + "75,Tỉnh Đồng Nai,province,,,2026-04-29,75\n" +
                              "75,Thành phố Đồng Nai,city,,2026-04-30,,\n" +
                              "26206,Xã Định Quán,commune,75,2025-07-01,,\n");
  // A 2025 record of the commune belongs to the city that the province became.
  EXPECT_TRUE(parsed.covers("75", "26206", Date{2025, 8, 1}, Date{2026, 12, 1}));
  EXPECT_FALSE(parsed.covers("26206", "75", Date{2025, 8, 1}, Date{2026, 12, 1}));
}

}  // namespace
}  // namespace vnn::platform::units
