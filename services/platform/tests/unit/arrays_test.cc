#include "vnn/platform/db/arrays.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

namespace vnn::platform::db {
namespace {

TEST(TextArrayTest, QuotesEveryElementAndEscapesOnlyQuotesAndBackslashes) {
  EXPECT_EQ(text_array({}), "{}");
  EXPECT_EQ(text_array({""}), R"({""})");
  EXPECT_EQ(text_array({"a", "b,c", "{d}", "NULL"}), R"({"a","b,c","{d}","NULL"})");
  EXPECT_EQ(text_array({R"(say "hi")", R"(C:\dir\)", R"(\")"}),
            R"({"say \"hi\"","C:\\dir\\","\\\""})");
}

TEST(TextArrayTest, KeepsVietnameseTextAsItsBytes) {
  EXPECT_EQ(text_array({"Nguyễn Văn An", "Hội Liên hiệp Phụ nữ"}),
            "{\"Nguyễn Văn An\",\"Hội Liên hiệp Phụ nữ\"}");
}

TEST(BigintArrayTest, TakesTheFirstCountValues) {
  const std::vector<std::int64_t> values{1, -2, 9'007'199'254'740'993};
  EXPECT_EQ(bigint_array(values), "{1,-2,9007199254740993}");
  EXPECT_EQ(bigint_array(values, 2), "{1,-2}");
  EXPECT_EQ(bigint_array({}), "{}");
}

TEST(HexTest, EncodesEveryByteAndDecodesBack) {
  std::string bytes;
  for (int c = 0; c < 256; ++c) bytes += static_cast<char>(c);
  const std::string hex = to_hex(bytes);
  ASSERT_EQ(hex.size(), 512U);
  EXPECT_EQ(hex.substr(0, 8), "00010203");
  EXPECT_EQ(hex.substr(504), "fcfdfeff");
  EXPECT_EQ(from_hex(hex), bytes);
  EXPECT_EQ(from_hex("ABcd"), "\xab\xcd");
  EXPECT_EQ(to_hex(""), "");
}

TEST(HexTest, RefusesWhatIsNotHex) {
  EXPECT_THROW(from_hex("abc"), std::invalid_argument);
  EXPECT_THROW(from_hex("zz"), std::invalid_argument);
}

}  // namespace
}  // namespace vnn::platform::db
