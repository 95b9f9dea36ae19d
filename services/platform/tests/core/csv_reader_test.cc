#include "vnn/platform/text/csv_reader.h"

#include <gtest/gtest.h>

#include <optional>

#include "vnn/platform/errors.h"

namespace vnn::platform::text {
namespace {

std::vector<CsvRecord> read_in_pieces(const std::string& text, std::size_t piece) {
  std::vector<CsvRecord> records;
  CsvReader reader([&](const CsvRecord& r) { records.push_back(r); });
  for (std::size_t i = 0; i < text.size(); i += piece) reader.feed(text.substr(i, piece));
  reader.finish();
  return records;
}

TEST(CsvReaderTest, SplitsRecordsAndFieldsWhateverThePieceSize) {
  const std::string text =
      "full_name,citizen_id,amount_dong,note\r\n"
      "Nguyễn Văn An,075088012345,50000,\r\n"
      "\"Trần, Thị Bình\",,\"30000\",\"nói \"\"cảm ơn\"\"\"\n"
      "Lê Văn Cường,,10000,last line without newline";
  for (std::size_t piece : {1u, 2u, 7u, 4096u}) {
    auto records = read_in_pieces(text, piece);
    ASSERT_EQ(records.size(), 4u) << piece;
    EXPECT_EQ(records[1].fields[0], "Nguyễn Văn An");
    EXPECT_EQ(records[2].fields[0], "Trần, Thị Bình");
    EXPECT_EQ(records[2].fields[3], "nói \"cảm ơn\"");
    EXPECT_EQ(records[2].line, 3);
    EXPECT_EQ(records[3].fields[3], "last line without newline");
    EXPECT_EQ(records[3].line, 4);
    for (const auto& r : records) EXPECT_FALSE(r.malformed);
  }
}

TEST(CsvReaderTest, QuotedNewlinesKeepTheLineCountRight) {
  auto records = read_in_pieces("a,\"b\nc\",d\ne,f\n", 3);
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].fields[1], "b\nc");
  EXPECT_EQ(records[1].line, 3);
}

TEST(CsvReaderTest, FlagsMalformedQuoting) {
  auto records = read_in_pieces("a,b\"c,d\n\"x\"y,z\n\"open,end", 5);
  ASSERT_EQ(records.size(), 3u);
  EXPECT_TRUE(records[0].malformed);
  EXPECT_TRUE(records[1].malformed);
  EXPECT_TRUE(records[2].malformed);
}

// Feeds `text` in pieces of `piece` bytes; returns the error the reader throws (its reason and
// message), or nothing.
std::optional<Error> refusal(const std::string& text, CsvLimits limits, std::size_t piece = 5) {
  CsvReader reader([](const CsvRecord&) {}, limits);
  try {
    for (std::size_t i = 0; i < text.size(); i += piece) reader.feed(text.substr(i, piece));
    reader.finish();
  } catch (const Error& e) {
    return e;
  }
  return std::nullopt;
}

TEST(CsvReaderTest, AFieldAtTheLimitIsReadOneByteMoreIsRefusedWithItsLine) {
  const CsvLimits limits{.max_field_bytes = 10, .max_fields = 8};
  EXPECT_FALSE(refusal("a,b\n" + std::string(10, 'x') + ",y\n", limits));
  EXPECT_FALSE(refusal("a,b\n\"" + std::string(10, 'x') + "\",y\n", limits));
  auto error = refusal("a,b\nc,d\n" + std::string(11, 'x') + ",y\n", limits);
  ASSERT_TRUE(error);
  EXPECT_EQ(error->code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(error->field(), "csv");
  EXPECT_EQ(error->reason(), kCsvFieldTooLong);
  EXPECT_NE(std::string(error->what()).find("line 3"), std::string::npos) << error->what();
  EXPECT_NE(error->vietnamese().find("Dòng 3"), std::string::npos);
}

TEST(CsvReaderTest, AQuotedFieldOnOneLineOverTheLimitIsTooLongNotUnclosed) {
  auto error = refusal("\"" + std::string(20, 'x') + "\"\n", {.max_field_bytes = 10});
  ASSERT_TRUE(error);
  EXPECT_EQ(error->reason(), kCsvFieldTooLong);
}

TEST(CsvReaderTest, TooManyFieldsInARecordAreRefusedWithItsLine) {
  const CsvLimits limits{.max_field_bytes = 100, .max_fields = 4};
  EXPECT_FALSE(refusal("a,b,c,d\n", limits));
  auto error = refusal("a,b,c,d\n1,2,3,4,5\n", limits);
  ASSERT_TRUE(error);
  EXPECT_EQ(error->reason(), kCsvTooManyFields);
  EXPECT_NE(std::string(error->what()).find("line 2"), std::string::npos) << error->what();
  // Commas alone make fields: a line of commas is refused before it is held whole.
  error = refusal(std::string(1000, ','), limits);
  ASSERT_TRUE(error);
  EXPECT_EQ(error->reason(), kCsvTooManyFields);
}

TEST(CsvReaderTest, AnUnclosedQuoteIsRefusedWithTheLineItOpensOnInsteadOfBufferingTheStream) {
  std::string text = "a,b\nc,\"open\n";
  for (int i = 0; i < 1000; ++i) text += "row " + std::to_string(i) + ",more\n";
  std::int64_t records = 0;
  CsvReader reader([&](const CsvRecord&) { ++records; }, {.max_field_bytes = 256});
  try {
    reader.feed(text);
    FAIL() << "an unclosed quote was buffered";
  } catch (const Error& e) {
    EXPECT_EQ(e.reason(), kCsvUnclosedQuote);
    EXPECT_NE(std::string(e.what()).find("line 2"), std::string::npos) << e.what();
    EXPECT_NE(e.vietnamese().find("Dòng 2"), std::string::npos);
  }
  EXPECT_EQ(records, 1);  // the header only
}

TEST(CsvReaderTest, AnUnclosedQuoteAtTheEndUnderTheLimitIsAMalformedLastRecord) {
  std::vector<CsvRecord> records;
  CsvReader reader([&](const CsvRecord& r) { records.push_back(r); }, {.max_field_bytes = 256});
  reader.feed("a,b\nc,\"open\nend");
  reader.finish();
  ASSERT_EQ(records.size(), 2u);
  EXPECT_TRUE(records[1].malformed);
}

}  // namespace
}  // namespace vnn::platform::text
