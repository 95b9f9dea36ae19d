// The regulation dataset: the shipped versions and norms, versions applied by date, and the
// loader's refusals of bad data.

#include "rules/regulation.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "rules/reason_codes.h"
#include "vnn/platform/errors.h"

namespace vnn::allocation::rules {
namespace {

using platform::Date;
using ::testing::HasSubstr;

Date day(std::string_view iso) { return *Date::parse_iso(iso); }

constexpr std::string_view kVersionsHeader = "version,effective_from,effective_to,title,source\n";
constexpr std::string_view kNormsHeader =
    "version,kind,max_per_household,max_per_campaign,once_in_years,sources,poverty_statuses,"
    "housing,requires_land_use_certificate,meritorious_first,requires_sudden_hardship,name_vi,"
    "basis\n";

std::string versions(std::string_view rows) {
  return std::string(kVersionsHeader) + std::string(rows);
}
std::string norms(std::string_view rows) { return std::string(kNormsHeader) + std::string(rows); }

const std::string kOneVersion = versions("A,2024-01-01,,Quy chế A,thử\n");
const std::string kOneNorm =
    norms("A,new_house,60000000,1,0,district_fund,poor,temporary,yes,no,no,Xây mới nhà,test\n");

// The message parse() throws for the dataset, or "" when it loads.
std::string parse_error(const std::string& v, const std::string& n) {
  try {
    Regulation::parse(v, n);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "";
}

TEST(RegulationBuiltin, ShipsTwoVersionsWithTheBriefsHouseNorms) {
  const Regulation& regulation = Regulation::builtin();
  ASSERT_EQ(regulation.versions().size(), 2u);
  const RegulationVersion& first = regulation.versions()[0];
  EXPECT_EQ(first.version, "DQ-2024-01");
  EXPECT_EQ(first.effective_from, day("2024-01-01"));
  ASSERT_TRUE(first.effective_to);
  EXPECT_EQ(*first.effective_to, day("2025-06-30"));  // the day before the next version
  EXPECT_EQ(first.norm(SupportKind::kNewHouse)->max_per_household, 60'000'000);
  EXPECT_EQ(first.norm(SupportKind::kHouseRepair)->max_per_household, 30'000'000);

  const RegulationVersion& second = regulation.versions()[1];
  EXPECT_EQ(second.version, "DN-2025-07");
  EXPECT_EQ(second.effective_from, day("2025-07-01"));
  EXPECT_FALSE(second.effective_to);
  EXPECT_NE(second.norm(SupportKind::kNewHouse)->max_per_household, 60'000'000);
}

TEST(RegulationBuiltin, EveryVersionHasANormForEveryKind) {
  for (const RegulationVersion& version : Regulation::builtin().versions()) {
    for (int number = 1; number <= 10; ++number) {
      const Norm* norm = version.norm(*kind_from_number(number));
      ASSERT_NE(norm, nullptr) << version.version << " kind " << number;
      EXPECT_FALSE(norm->sources.empty());
      EXPECT_FALSE(norm->name_vi.empty());
      EXPECT_FALSE(norm->basis.empty());
    }
  }
}

TEST(RegulationBuiltin, HouseNormsNeedALandUseCertificateAndPoorHousing) {
  const RegulationVersion& version = *Regulation::builtin().find("DQ-2024-01");
  for (SupportKind kind : {SupportKind::kNewHouse, SupportKind::kHouseRepair}) {
    const Norm& norm = *version.norm(kind);
    EXPECT_TRUE(norm.requires_land_use_certificate);
    EXPECT_TRUE(norm.meritorious_first);
    EXPECT_THAT(norm.housing, ::testing::ElementsAre(Housing::kTemporary, Housing::kNonDurable));
    EXPECT_TRUE(norm.allows(FundingSource::kHousehold));
  }
  EXPECT_FALSE(version.norm(SupportKind::kScholarship)->allows(FundingSource::kHousehold));
  EXPECT_TRUE(version.norm(SupportKind::kSuddenHardship)->requires_sudden_hardship);
  EXPECT_TRUE(version.norm(SupportKind::kSuddenHardship)->poverty_statuses.empty());
}

TEST(RegulationInForce, VersionsApplyByDate) {
  const Regulation& regulation = Regulation::builtin();
  EXPECT_EQ(regulation.in_force(day("2024-01-01")).version, "DQ-2024-01");
  EXPECT_EQ(regulation.in_force(day("2024-03-15")).version, "DQ-2024-01");
  EXPECT_EQ(regulation.in_force(day("2025-06-30")).version, "DQ-2024-01");
  EXPECT_EQ(regulation.in_force(day("2025-07-01")).version, "DN-2025-07");
  EXPECT_EQ(regulation.in_force(day("2030-12-31")).version, "DN-2025-07");
}

TEST(RegulationInForce, NoVersionBeforeTheFirstIsNoRegulation) {
  try {
    Regulation::builtin().in_force(day("2023-12-31"));
    FAIL() << "expected NO_REGULATION";
  } catch (const platform::Error& e) {
    EXPECT_EQ(e.code(), platform::ErrorCode::kFailedPrecondition);
    EXPECT_EQ(e.reason(), reason::kNoRegulation);
    EXPECT_EQ(e.metadata().at("date"), "2023-12-31");
    EXPECT_THAT(e.vietnamese(), HasSubstr("31/12/2023"));
  }
}

TEST(RegulationInForce, AGapBetweenVersionsIsNoRegulation) {
  const Regulation regulation =
      Regulation::parse(versions("A,2024-01-01,2024-06-30,Quy chế A,thử\n"
                                 "B,2024-09-01,,Quy chế B,thử\n"),
                        norms("A,bicycle,0,1,0,sponsor,,,no,no,no,Xe đạp,test\n"
                              "B,bicycle,0,1,0,sponsor,,,no,no,no,Xe đạp,test\n"));
  EXPECT_EQ(regulation.in_force(day("2024-06-30")).version, "A");
  EXPECT_EQ(regulation.in_force(day("2024-09-01")).version, "B");
  EXPECT_THROW(regulation.in_force(day("2024-07-15")), platform::Error);
}

TEST(RegulationFind, FindsAPastVersionByName) {
  const Regulation& regulation = Regulation::builtin();
  ASSERT_NE(regulation.find("DQ-2024-01"), nullptr);
  EXPECT_EQ(regulation.find("DQ-2024-01")->norm(SupportKind::kNewHouse)->max_per_household,
            60'000'000);
  EXPECT_EQ(regulation.find("XX-1999"), nullptr);
}

TEST(RegulationParse, ReadsListsFlagsAndQuotedFields) {
  const Regulation regulation = Regulation::parse(
      versions("A,2024-01-01,,\"Quy chế \"\"A\"\", bản 1\",thử\n"),
      norms("A,house_repair,30000000,2,5,district_fund;sponsor;household,poor;near_poor,"
            "temporary;non_durable,yes,yes,no,\"Sửa chữa nhà, nhỏ\",test\n"
            "\n"
            "A,sudden_hardship,5000000,1,0,commune_fund,,,no,no,yes,Đột xuất,test\n"));
  const RegulationVersion& v = regulation.versions().at(0);
  EXPECT_EQ(v.title, "Quy chế \"A\", bản 1");
  const Norm& repair = *v.norm(SupportKind::kHouseRepair);
  EXPECT_EQ(repair.max_per_household, 30'000'000);
  EXPECT_EQ(repair.max_per_campaign, 2);
  EXPECT_EQ(repair.once_in_years, 5);
  EXPECT_THAT(repair.sources,
              ::testing::ElementsAre(FundingSource::kDistrictFund, FundingSource::kSponsor,
                                     FundingSource::kHousehold));
  EXPECT_THAT(repair.poverty_statuses,
              ::testing::ElementsAre(PovertyStatus::kPoor, PovertyStatus::kNearPoor));
  EXPECT_TRUE(repair.requires_land_use_certificate);
  EXPECT_TRUE(repair.meritorious_first);
  EXPECT_EQ(repair.name_vi, "Sửa chữa nhà, nhỏ");
  EXPECT_TRUE(v.norm(SupportKind::kSuddenHardship)->requires_sudden_hardship);
  EXPECT_EQ(v.norm(SupportKind::kScholarship), nullptr);
}

TEST(RegulationParse, SortsVersionsByDateAndClosesOpenEnds) {
  const Regulation regulation =
      Regulation::parse(versions("B,2025-03-01,,Quy chế B,thử\n"
                                 "A,2024-03-01,,Quy chế A,thử\n"),
                        norms("A,bicycle,0,1,0,sponsor,,,no,no,no,Xe đạp,test\n"
                              "B,bicycle,0,1,0,sponsor,,,no,no,no,Xe đạp,test\n"));
  ASSERT_EQ(regulation.versions().size(), 2u);
  EXPECT_EQ(regulation.versions()[0].version, "A");
  EXPECT_EQ(*regulation.versions()[0].effective_to, day("2025-02-28"));
  EXPECT_EQ(regulation.in_force(day("2025-02-28")).version, "A");
  EXPECT_EQ(regulation.in_force(day("2025-03-01")).version, "B");
}

TEST(RegulationParse, AcceptsAByteOrderMarkAndCrlf) {
  const std::string v =
      "\xEF\xBB\xBFversion,effective_from,effective_to,title,source\r\n"
      "A,2024-01-01,,Quy chế A,thử\r\n";
  EXPECT_EQ(parse_error(v, kOneNorm), "");
}

TEST(RegulationParse, RefusesOverlappingVersions) {
  EXPECT_THAT(parse_error(versions("A,2024-01-01,2024-12-31,Quy chế A,thử\n"
                                   "B,2024-06-01,,Quy chế B,thử\n"),
                          norms("A,bicycle,0,1,0,sponsor,,,no,no,no,Xe đạp,test\n"
                                "B,bicycle,0,1,0,sponsor,,,no,no,no,Xe đạp,test\n")),
              HasSubstr("versions.csv line 3: version \"B\" overlaps version \"A\" (line 2)"));
  EXPECT_THAT(parse_error(versions("A,2024-01-01,,Quy chế A,thử\n"
                                   "B,2024-01-01,,Quy chế B,thử\n"),
                          norms("A,bicycle,0,1,0,sponsor,,,no,no,no,Xe đạp,test\n"
                                "B,bicycle,0,1,0,sponsor,,,no,no,no,Xe đạp,test\n")),
              HasSubstr("overlaps"));
}

TEST(RegulationParse, RefusesBadVersions) {
  EXPECT_THAT(parse_error("version,from\nA,2024-01-01\n", kOneNorm),
              HasSubstr("versions.csv line 1: header must be"));
  EXPECT_THAT(parse_error(versions("A,2024-01-01,,Quy chế A\n"), kOneNorm),
              HasSubstr("line 2: expected 5 fields, found 4"));
  EXPECT_THAT(parse_error(versions("A,2024-02-30,,Quy chế A,thử\n"), kOneNorm),
              HasSubstr("effective_from \"2024-02-30\" is not a YYYY-MM-DD date"));
  EXPECT_THAT(parse_error(versions("A,2024-02-01,2024-01-01,Quy chế A,thử\n"), kOneNorm),
              HasSubstr("effective_to is before effective_from"));
  EXPECT_THAT(parse_error(versions("A b,2024-01-01,,Quy chế A,thử\n"), kOneNorm),
              HasSubstr("version \"A b\" must be"));
  EXPECT_THAT(parse_error(versions("A,2024-01-01,,,thử\n"), kOneNorm), HasSubstr("title"));
  // "Quy chế" with a combining hook above and a combining dot below: not NFC.
  EXPECT_THAT(parse_error(versions("A,2024-01-01,,Quy che\xCC\x82\xCC\x81,thử\n"), kOneNorm),
              HasSubstr("title is not in Unicode NFC"));
  EXPECT_THAT(parse_error(versions("A,2024-01-01,,Quy chế A,thử\n"
                                   "A,2025-01-01,,Quy chế A,thử\n"),
                          kOneNorm),
              HasSubstr("line 3: version \"A\" twice"));
  EXPECT_THAT(parse_error(versions(""), kOneNorm), HasSubstr("no version"));
}

TEST(RegulationParse, RefusesBadNorms) {
  const auto norm_error = [](std::string_view row) { return parse_error(kOneVersion, norms(row)); };
  EXPECT_THAT(norm_error("B,new_house,1,1,0,sponsor,,,no,no,no,X,t\n"),
              HasSubstr("norms.csv line 2: unknown version \"B\""));
  EXPECT_THAT(norm_error("A,house,1,1,0,sponsor,,,no,no,no,X,t\n"),
              HasSubstr("norms.csv line 2: unknown kind \"house\""));
  EXPECT_THAT(norm_error("A,new_house,-1,1,0,sponsor,,,no,no,no,X,t\n"),
              HasSubstr("max_per_household \"-1\" must be a whole number"));
  EXPECT_THAT(norm_error("A,new_house,60.000.000,1,0,sponsor,,,no,no,no,X,t\n"),
              HasSubstr("max_per_household"));
  EXPECT_THAT(norm_error("A,new_house,1,0,0,sponsor,,,no,no,no,X,t\n"),
              HasSubstr("max_per_campaign \"0\""));
  EXPECT_THAT(norm_error("A,new_house,1,1,0,bank,,,no,no,no,X,t\n"),
              HasSubstr("sources: unknown word \"bank\""));
  EXPECT_THAT(norm_error("A,new_house,1,1,0,,,,no,no,no,X,t\n"),
              HasSubstr("sources: at least one source"));
  EXPECT_THAT(norm_error("A,new_house,1,1,0,sponsor;sponsor,,,no,no,no,X,t\n"),
              HasSubstr("\"sponsor\" twice"));
  EXPECT_THAT(norm_error("A,new_house,1,1,0,sponsor,rich,,no,no,no,X,t\n"),
              HasSubstr("poverty_statuses: unknown word \"rich\""));
  EXPECT_THAT(norm_error("A,new_house,1,1,0,sponsor,,tent,no,no,no,X,t\n"),
              HasSubstr("housing: unknown word \"tent\""));
  EXPECT_THAT(norm_error("A,new_house,1,1,0,sponsor,,,true,no,no,X,t\n"),
              HasSubstr("requires_land_use_certificate \"true\" must be yes or no"));
  EXPECT_THAT(norm_error("A,new_house,1,1,0,sponsor,,,no,no,no,,t\n"), HasSubstr("name_vi"));
  EXPECT_THAT(norm_error("A,new_house,1,1,0,sponsor,,,no,no,no,X,t\n"
                         "A,new_house,2,1,0,sponsor,,,no,no,no,X,t\n"),
              HasSubstr("line 3: a second norm for \"new_house\" in version \"A\""));
  EXPECT_THAT(norm_error(""), HasSubstr("versions.csv line 2: version \"A\" has no norms"));
}

}  // namespace
}  // namespace vnn::allocation::rules
