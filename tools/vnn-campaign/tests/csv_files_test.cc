// The CSV files the runner imports read back, with the services' own CSV reader, as
// docs/import-formats.md documents them: the header line exact, a household's rows together and
// its head first, fields quoted where they must be.

#include "scenario/csv_files.h"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "scenario/generator.h"
#include "vnn/platform/text/csv_reader.h"

namespace vnn::campaign {
namespace {

std::vector<platform::text::CsvRecord> read_csv(const std::string& csv) {
  std::vector<platform::text::CsvRecord> records;
  platform::text::CsvReader reader(
      [&](const platform::text::CsvRecord& r) { records.push_back(r); });
  reader.feed(csv);
  reader.finish();
  return records;
}

std::string first_line(const std::string& csv) { return csv.substr(0, csv.find('\n')); }

TEST(CsvFiles, HouseholdListAsDocumented) {
  const Scenario s = generate(GeneratorOptions{});
  for (const auto& list : s.submissions) {
    std::vector<const Household*> households;
    for (const auto& key : list.household_keys) {
      for (const auto& h : s.households) {
        if (h.key == key) households.push_back(&h);
      }
    }
    const std::string csv = household_list_csv(households);
    EXPECT_EQ(first_line(csv),
              "household_code,hamlet,address,poverty_status,poverty_standard,classified_year,"
              "housing,meritorious_member,sudden_hardship,vulnerabilities,relation,full_name,"
              "birth_year,citizen_id");
    const auto records = read_csv(csv);
    ASSERT_FALSE(records.empty());
    std::size_t rows = 0;
    for (const auto* h : households) rows += h->members.size();
    ASSERT_EQ(records.size(), rows + 1);
    std::size_t at = 1;
    std::set<std::string> codes;
    for (const auto* h : households) {
      EXPECT_TRUE(codes.insert(h->code).second) << "one household's rows come together";
      for (std::size_t m = 0; m < h->members.size(); ++m, ++at) {
        const auto& r = records[at];
        ASSERT_FALSE(r.malformed);
        ASSERT_EQ(r.fields.size(), 14u) << "line " << r.line;
        EXPECT_EQ(r.fields[0], h->code);
        EXPECT_EQ(r.fields[10], h->members[m].relation);
        EXPECT_EQ(r.fields[11], h->members[m].full_name);
        EXPECT_EQ(r.fields[12], std::to_string(h->members[m].birth_year));
        EXPECT_EQ(r.fields[13], h->members[m].citizen_id);
        if (m == 0) {
          EXPECT_EQ(r.fields[10], "chủ hộ") << "the head first";
          EXPECT_EQ(r.fields[1], h->hamlet);
          EXPECT_EQ(r.fields[2], h->address);
          EXPECT_EQ(r.fields[3], h->poverty_status);
          EXPECT_EQ(r.fields[4], "2022-2025");
          EXPECT_EQ(r.fields[5], std::to_string(h->classified_year));
          EXPECT_EQ(r.fields[6], h->housing);
          EXPECT_EQ(r.fields[7], h->meritorious ? "có" : "không");
          EXPECT_EQ(r.fields[8], h->sudden_hardship);
          EXPECT_EQ(r.fields[9], h->vulnerabilities);
        } else {
          for (int f = 1; f <= 9; ++f) EXPECT_TRUE(r.fields[f].empty()) << "line " << r.line;
        }
      }
    }
  }
}

TEST(CsvFiles, FieldsThatNeedItAreQuoted) {
  Household h;
  h.code = "PT-001";
  h.hamlet = "Ấp 1";
  h.address = "Tổ 3, đường \"số 7\"";
  h.poverty_status = "nghèo";
  h.housing = "nhà tạm";
  h.members = {Person{.relation = "chủ hộ",
                      .full_name = "Nguyễn Văn Hùng",
                      .birth_year = 1956,
                      .citizen_id = "075056003101"},
               Person{.relation = "vợ", .full_name = "Lê Thị Hoa", .birth_year = 1959}};
  const std::string csv = household_list_csv({&h});
  EXPECT_NE(csv.find(",\"Tổ 3, đường \"\"số 7\"\"\","), std::string::npos) << csv;
  const auto records = read_csv(csv);
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[1].fields[2], "Tổ 3, đường \"số 7\"");
  EXPECT_EQ(records[2].fields, (std::vector<std::string>{"PT-001", "", "", "", "", "", "", "", "",
                                                         "", "vợ", "Lê Thị Hoa", "1959", ""}));

  PayrollList list{.lines = {PayrollLine{.full_name = "Trần, Thị Bình",
                                         .citizen_id = "075188012345",
                                         .amount = 150000,
                                         .note = "phó phòng"},
                             PayrollLine{.full_name = "Nguyễn Văn An", .amount = 200000}}};
  EXPECT_EQ(payroll_csv(list),
            "full_name,citizen_id,amount_dong,note\n"
            "\"Trần, Thị Bình\",075188012345,150000,phó phòng\n"
            "Nguyễn Văn An,,200000,\n");
}

TEST(CsvFiles, PayrollListsAsDocumented) {
  const Scenario s = generate(GeneratorOptions{});
  ASSERT_FALSE(s.payroll_lists.empty());
  for (const auto& list : s.payroll_lists) {
    const std::string csv = payroll_csv(list);
    EXPECT_EQ(first_line(csv), "full_name,citizen_id,amount_dong,note");
    const auto records = read_csv(csv);
    ASSERT_EQ(records.size(), list.lines.size() + 1);
    for (std::size_t i = 0; i < list.lines.size(); ++i) {
      const auto& r = records[i + 1];
      ASSERT_EQ(r.fields.size(), 4u);
      EXPECT_EQ(r.fields[0], list.lines[i].full_name);
      EXPECT_EQ(r.fields[1], list.lines[i].citizen_id);
      EXPECT_EQ(r.fields[2], std::to_string(list.lines[i].amount));
      EXPECT_EQ(r.fields[3], list.lines[i].note);
    }
  }
}

}  // namespace
}  // namespace vnn::campaign
