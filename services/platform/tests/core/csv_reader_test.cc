#include "vnn/platform/text/csv_reader.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace vnn::platform::text
