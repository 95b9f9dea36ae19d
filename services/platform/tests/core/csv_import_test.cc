#include "vnn/platform/text/csv_import.h"

#include <gtest/gtest.h>

#include <optional>

#include "vnn/platform/errors.h"
#include "vnn/platform/text/row_problem_codes.h"

namespace vnn::platform::text {
namespace {

struct Seen {
  std::int64_t line;
  std::vector<std::string> fields;
  std::optional<RowProblem> problem;
};

// Runs a whole import of `csv` (in pieces of `piece` bytes) with the columns a,b,c.
struct Run {
  std::vector<Seen> rows;
  std::optional<Error> error;
  std::int64_t counted = 0;
};

Run import_csv(const std::string& csv, ImportLimits limits = {}, std::size_t piece = 3) {
  Run run;
  CsvImport frame(
      {.columns = {"a", "b", "c"}, .max_field_chars = 5}, limits,
      [&](const CsvRecord& r, const RowProblem* p) {
        run.rows.push_back({r.line, r.fields, p ? std::optional<RowProblem>(*p) : std::nullopt});
      });
  try {
    for (std::size_t i = 0; i < csv.size(); i += piece) frame.feed(csv.substr(i, piece));
    frame.finish();
  } catch (const Error& e) {
    run.error = e;
  }
  run.counted = frame.rows();
  return run;
}

TEST(CsvImportTest, TheHeaderMayStartWithABomAndIsNotARow) {
  auto run = import_csv(
      "\xEF\xBB\xBF"
      "a,b,c\r\n1,2,3\r\n");
  ASSERT_FALSE(run.error) << run.error->what();
  ASSERT_EQ(run.rows.size(), 1u);
  EXPECT_EQ(run.rows[0].line, 2);
  EXPECT_FALSE(run.rows[0].problem);
  EXPECT_EQ(run.counted, 1);
}

TEST(CsvImportTest, AWrongHeaderRefusesTheImportNamingTheColumns) {
  for (const char* csv : {"a,c,b\n1,2,3\n", "a,b\n", "a,b,c,d\n", "\n"}) {
    auto run = import_csv(csv);
    ASSERT_TRUE(run.error) << csv;
    EXPECT_EQ(run.error->code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ(run.error->field(), "csv");
    EXPECT_NE(std::string(run.error->what()).find("header a,b,c"), std::string::npos);
    EXPECT_TRUE(run.rows.empty());
  }
}

TEST(CsvImportTest, AnEmptyStreamImportsNothing) {
  auto run = import_csv("");
  EXPECT_FALSE(run.error);
  EXPECT_EQ(run.counted, 0);
}

TEST(CsvImportTest, BlankLinesAreSkippedAndNotCounted) {
  auto run = import_csv("a,b,c\n\n1,2,3\r\n\r\n\n4,5,6\n\n");
  ASSERT_FALSE(run.error);
  ASSERT_EQ(run.rows.size(), 2u);
  EXPECT_EQ(run.rows[0].line, 3);
  EXPECT_EQ(run.rows[1].line, 6);
  EXPECT_EQ(run.counted, 2);
}

TEST(CsvImportTest, AWrongFieldCountIsTheRowsProblem) {
  auto run = import_csv("a,b,c\n1,2\n1,2,3,4\n");
  ASSERT_EQ(run.rows.size(), 2u);
  ASSERT_TRUE(run.rows[0].problem);
  EXPECT_EQ(run.rows[0].problem->code, kWrongFieldCount);
  EXPECT_EQ(run.rows[0].problem->line, 2);
  EXPECT_EQ(run.rows[0].problem->field, "");
  EXPECT_EQ(run.rows[0].problem->reason, "expected 3 fields, got 2");
  EXPECT_EQ(run.rows[1].problem->reason, "expected 3 fields, got 4");
}

TEST(CsvImportTest, MalformedQuotingIsTheRowsProblem) {
  auto run = import_csv("a,b,c\n1,x\"y,3\n");
  ASSERT_EQ(run.rows.size(), 1u);
  ASSERT_TRUE(run.rows[0].problem);
  EXPECT_EQ(run.rows[0].problem->code, kMalformedRow);
}

TEST(CsvImportTest, EveryFieldPassesTheTextCheckNamingTheColumn) {
  auto run = import_csv("a,b,c\n1,123456,3\n1,2,\x01\n1,\xC3(,3\n1,ễễễễễ,3\n");
  ASSERT_EQ(run.rows.size(), 4u);
  EXPECT_EQ(run.rows[0].problem->code, "text_too_long");
  EXPECT_EQ(run.rows[0].problem->field, "b");
  EXPECT_EQ(run.rows[1].problem->code, "text_control_character");
  EXPECT_EQ(run.rows[1].problem->field, "c");
  EXPECT_EQ(run.rows[2].problem->code, "text_not_utf8");
  EXPECT_FALSE(run.rows[3].problem) << "five code points are five characters, not bytes";
}

TEST(CsvImportTest, RowsOverTheLimitEndTheImportWithResourceExhausted) {
  ImportLimits limits;
  limits.max_rows = 2;
  EXPECT_FALSE(import_csv("a,b,c\n1,2,3\n\n4,5,6\n\n", limits).error);
  auto run = import_csv("a,b,c\n1,2,3\n4,5,6\n7,8,9\n10,11,12\n", limits);
  ASSERT_TRUE(run.error);
  EXPECT_EQ(run.error->code(), ErrorCode::kResourceExhausted);
  EXPECT_EQ(run.error->reason(), kImportTooManyRows);
  EXPECT_NE(run.error->vietnamese().find("quá 2 dòng"), std::string::npos);
  EXPECT_EQ(run.rows.size(), 2u) << "the row over the limit is not given to the importer";
}

TEST(CsvImportTest, BytesOverTheLimitEndTheImportBeforeTheyAreRead) {
  const std::string csv = "a,b,c\n1,2,3\n";
  ImportLimits limits;
  limits.max_bytes = static_cast<std::int64_t>(csv.size());
  EXPECT_FALSE(import_csv(csv, limits).error);
  auto run = import_csv(csv + "4,5,6\n", limits, 100);
  ASSERT_TRUE(run.error);
  EXPECT_EQ(run.error->code(), ErrorCode::kResourceExhausted);
  EXPECT_EQ(run.error->reason(), kImportTooLarge);
  EXPECT_TRUE(run.rows.empty()) << "the piece over the limit is refused whole";
}

TEST(CsvImportTest, TheReadersLimitsApplyThroughTheFrame) {
  ImportLimits limits;
  limits.csv.max_field_bytes = 8;
  auto run = import_csv("a,b,c\n1,123456789,3\n", limits);
  ASSERT_TRUE(run.error);
  EXPECT_EQ(run.error->reason(), kCsvFieldTooLong);
  limits = {};
  limits.csv.max_fields = 3;
  run = import_csv("a,b,c\n1,2,3,4\n", limits);
  ASSERT_TRUE(run.error);
  EXPECT_EQ(run.error->reason(), kCsvTooManyFields);
  limits = {};
  limits.csv.max_field_bytes = 16;
  run = import_csv("a,b,c\n1,\"2\n3,4\n5,6\n7,8\n9,10\n", limits);
  ASSERT_TRUE(run.error);
  EXPECT_EQ(run.error->reason(), kCsvUnclosedQuote);
}

}  // namespace
}  // namespace vnn::platform::text
