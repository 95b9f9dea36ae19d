#include "vnn/platform/text/scrub.h"

#include <gtest/gtest.h>

#include <string>

namespace vnn::platform::text {
namespace {

// What libpq and libpqxx 6.4 put into an exception's what(): the primary line, then DETAIL,
// HINT or CONTEXT lines.
TEST(ScrubDatabaseError, DropsDetailLinesWithTheirValues) {
  const std::string what =
      "ERROR:  duplicate key value violates unique constraint \"donor_phone_key\"\n"
      "DETAIL:  Key (phone)=(0912345678) already exists.\n";
  const std::string scrubbed = scrub_database_error(what);
  EXPECT_EQ(scrubbed, "ERROR:  duplicate key value violates unique constraint \"donor_phone_key\"");
  EXPECT_EQ(scrubbed.find("0912345678"), std::string::npos);
  EXPECT_EQ(scrubbed.find("DETAIL"), std::string::npos);
}

TEST(ScrubDatabaseError, RedactsKeyValuesOnTheFirstLine) {
  EXPECT_EQ(scrub_database_error("Key (phone, name)=(0912345678, Nguyễn Thị A) already exists."),
            "Key (phone, name)=(…) already exists.");
  EXPECT_EQ(scrub_database_error("Key (f(a))=(x(y)z) is not present"),
            "Key (f(a))=(…) is not present");
  EXPECT_EQ(scrub_database_error("Failing row contains (1, Trần Văn B, 0987654321)."),
            "Failing row contains (…).");
  // An unbalanced tuple is cut with the rest of the line.
  EXPECT_EQ(scrub_database_error("Key (phone)=(0912345678"), "Key (phone)=(…)");
}

TEST(ScrubDatabaseError, RedactsRefusedLiteralsButKeepsNames) {
  EXPECT_EQ(scrub_database_error("ERROR:  invalid input syntax for type bigint: \"Lê Văn C\""),
            "ERROR:  invalid input syntax for type bigint: \"…\"");
  EXPECT_EQ(scrub_database_error(
                "ERROR:  null value in column \"name\" of relation \"donor\" violates not-null"),
            "ERROR:  null value in column \"name\" of relation \"donor\" violates not-null");
  EXPECT_EQ(scrub_database_error("ERROR:  syntax error at or near 'Phạm Thị D'"),
            "ERROR:  syntax error at or near '…'");
  EXPECT_EQ(scrub_database_error("value 'abc"), "value '…");
}

TEST(ScrubDatabaseError, RedactsLongDigitRunsKeepsShortNumbers) {
  EXPECT_EQ(scrub_database_error("phone 0912345678 and citizen 075123456789 at line 12"),
            "phone … and citizen … at line 12");
  EXPECT_EQ(scrub_database_error("SQLSTATE 23505, 40001"), "SQLSTATE 23505, 40001");
}

TEST(ScrubDatabaseError, ControlCharactersAndLength) {
  EXPECT_EQ(scrub_database_error("a\tb\x1b[31mc"), "a b [31mc");
  EXPECT_EQ(scrub_database_error("first\r\nsecond"), "first");
  const std::string long_text(1000, 'x');
  const std::string scrubbed = scrub_database_error(long_text);
  EXPECT_EQ(scrubbed, std::string(kMaxScrubbedLength, 'x') + "…");
  // A cut never splits a multi-byte character.
  std::string accented;
  while (accented.size() < 1000) accented += "ạ";
  const std::string cut = scrub_database_error(accented);
  EXPECT_EQ((cut.size() - std::string("…").size()) % std::string("ạ").size(), 0u);
  EXPECT_EQ(scrub_database_error(""), "");
}

}  // namespace
}  // namespace vnn::platform::text
