#include "vnn/platform/text/text.h"

#include <gtest/gtest.h>

#include <string>

namespace vnn::platform::text {
namespace {

using namespace std::string_literals;  // for literals holding NUL bytes

// ---- check_text: length --------------------------------------------------------------------

TEST(CheckTextTest, CountsVietnameseLettersAsOneCharacterEach) {
  const std::string name = "Nguyễn Văn An";  // NFC: 13 code points in 16 bytes
  ASSERT_EQ(name.size(), 16u);
  EXPECT_EQ(check_text(name, 13, true), TextProblem::kNone);
  EXPECT_EQ(check_text(name, 12, true), TextProblem::kTooLong);
}

TEST(CheckTextTest, LimitIsInclusive) {
  EXPECT_EQ(check_text("Nguyễn", 6, true), TextProblem::kNone);
  EXPECT_EQ(check_text("Nguyễn", 5, true), TextProblem::kTooLong);
  EXPECT_EQ(check_text("Đặng Thị Ánh", 12, true), TextProblem::kNone);  // 18 bytes
}

TEST(CheckTextTest, CountsEachCombiningMarkOfDecomposedText) {
  // "Nguyễn" in NFD: e + U+0302 (circumflex) + U+0303 (tilde) is three code points.
  const std::string decomposed = "Nguye\xCC\x82\xCC\x83n";
  EXPECT_EQ(check_text(decomposed, 8, true), TextProblem::kNone);
  EXPECT_EQ(check_text(decomposed, 7, true), TextProblem::kTooLong);
}

TEST(CheckTextTest, CountsCharactersOutsideTheBasicPlaneOnce) {
  EXPECT_EQ(check_text("\xF0\x9F\x99\x8F", 1, true), TextProblem::kNone);  // U+1F64F
  EXPECT_EQ(check_text("\xF4\x8F\xBF\xBF", 1, true), TextProblem::kNone);  // U+10FFFF, the last
}

// ---- check_text: empty ---------------------------------------------------------------------

TEST(CheckTextTest, EmptyIsAProblemOnlyWhenRequired) {
  EXPECT_EQ(check_text("", 10, true), TextProblem::kEmpty);
  EXPECT_EQ(check_text("", 10, false), TextProblem::kNone);
}

TEST(CheckTextTest, SpacesOnlyCountAsEmptyWhenRequired) {
  EXPECT_EQ(check_text("   ", 10, true), TextProblem::kEmpty);
  EXPECT_EQ(check_text("   ", 1, true), TextProblem::kEmpty);  // not reported as too long
  EXPECT_EQ(check_text("\n \n", 10, true, true), TextProblem::kEmpty);
  EXPECT_EQ(check_text(" a ", 10, true), TextProblem::kNone);
}

// ---- check_text: UTF-8 ---------------------------------------------------------------------

TEST(CheckTextTest, RejectsOverlongEncodings) {
  EXPECT_EQ(check_text("\xC0\xAF", 10, true), TextProblem::kInvalidUtf8);      // '/' in 2 bytes
  EXPECT_EQ(check_text("\xE0\x80\xAF", 10, true), TextProblem::kInvalidUtf8);  // '/' in 3 bytes
  EXPECT_EQ(check_text("\xF0\x80\x80\xAF", 10, true), TextProblem::kInvalidUtf8);
  EXPECT_EQ(check_text("\xC1\xBF", 10, true), TextProblem::kInvalidUtf8);
}

TEST(CheckTextTest, RejectsSurrogates) {
  EXPECT_EQ(check_text("\xED\xA0\x80", 10, true), TextProblem::kInvalidUtf8);  // U+D800
  EXPECT_EQ(check_text("\xED\xBF\xBF", 10, true), TextProblem::kInvalidUtf8);  // U+DFFF
  // A CESU-8 pair for U+1F64F, as some Java and MySQL "utf8" exports write it.
  EXPECT_EQ(check_text("\xED\xA0\xBD\xED\xB9\x8F", 10, true), TextProblem::kInvalidUtf8);
  EXPECT_EQ(check_text("\xED\x9F\xBF", 10, true), TextProblem::kNone);  // U+D7FF, just below
}

TEST(CheckTextTest, RejectsCodePointsPastTheUnicodeRange) {
  EXPECT_EQ(check_text("\xF4\x90\x80\x80", 10, true), TextProblem::kInvalidUtf8);  // U+110000
  EXPECT_EQ(check_text("\xF5\x80\x80\x80", 10, true), TextProblem::kInvalidUtf8);
  EXPECT_EQ(check_text("\xF8\x88\x80\x80\x80", 10, true), TextProblem::kInvalidUtf8);
}

TEST(CheckTextTest, RejectsTruncatedSequences) {
  // "Nguyễn" cut inside ễ (E1 BB 85), at the end and in the middle of the text.
  EXPECT_EQ(check_text("Nguy\xE1\xBB", 10, true), TextProblem::kInvalidUtf8);
  EXPECT_EQ(check_text("Nguy\xE1\xBBn", 10, true), TextProblem::kInvalidUtf8);
  EXPECT_EQ(check_text("\xF0\x9F\x99", 10, true), TextProblem::kInvalidUtf8);
}

TEST(CheckTextTest, RejectsStrayBytes) {
  EXPECT_EQ(check_text("An\x80", 10, true), TextProblem::kInvalidUtf8);        // lone continuation
  EXPECT_EQ(check_text("Nguy\xEA\x6E", 10, true), TextProblem::kInvalidUtf8);  // Latin-1 "ê"
  EXPECT_EQ(check_text("\xFF", 10, true), TextProblem::kInvalidUtf8);
}

TEST(CheckTextTest, ReportsInvalidUtf8BeforeLength) {
  EXPECT_EQ(check_text("abcdef\xC0\xAF", 3, true), TextProblem::kInvalidUtf8);
}

// ---- check_text: control characters -------------------------------------------------------

TEST(CheckTextTest, RejectsControlCharactersInNames) {
  EXPECT_EQ(check_text("Văn\tAn", 20, true), TextProblem::kControlCharacter);
  EXPECT_EQ(check_text("Văn\nAn", 20, true), TextProblem::kControlCharacter);
  EXPECT_EQ(check_text("Văn\rAn", 20, true), TextProblem::kControlCharacter);
  EXPECT_EQ(check_text("Văn\0An"s, 20, true), TextProblem::kControlCharacter);
  EXPECT_EQ(check_text("Văn\x1B[31mAn", 20, true), TextProblem::kControlCharacter);  // ESC
  EXPECT_EQ(check_text("Văn\x7F", 20, true), TextProblem::kControlCharacter);        // DEL
  EXPECT_EQ(check_text("Văn\xC2\x85", 20, true), TextProblem::kControlCharacter);    // U+0085
}

TEST(CheckTextTest, AllowsOnlyNewlinesWhenAsked) {
  EXPECT_EQ(check_text("Dòng một\nDòng hai", 40, true, true), TextProblem::kNone);
  EXPECT_EQ(check_text("Dòng một\r\nDòng hai", 40, true, true), TextProblem::kNone);
  EXPECT_EQ(check_text("Dòng\tmột", 40, true, true), TextProblem::kControlCharacter);
  EXPECT_EQ(check_text("Dòng\0một"s, 40, true, true), TextProblem::kControlCharacter);
}

TEST(CheckTextTest, NewlinesCountTowardsTheLimit) {
  EXPECT_EQ(check_text("ab\ncd", 5, true, true), TextProblem::kNone);
  EXPECT_EQ(check_text("ab\ncd", 4, true, true), TextProblem::kTooLong);
}

// ---- text_problem_reason -------------------------------------------------------------------

TEST(TextProblemReasonTest, GivesAPhraseForEachProblem) {
  EXPECT_EQ(text_problem_reason(TextProblem::kNone, 200), "");
  EXPECT_EQ(text_problem_reason(TextProblem::kEmpty, 200), "must not be empty");
  EXPECT_EQ(text_problem_reason(TextProblem::kTooLong, 200), "is longer than 200 characters");
  EXPECT_EQ(text_problem_reason(TextProblem::kInvalidUtf8, 200), "is not valid UTF-8");
  EXPECT_EQ(text_problem_reason(TextProblem::kControlCharacter, 200),
            "contains control characters");
}

// ---- mask_name -----------------------------------------------------------------------------

TEST(MaskNameTest, KeepsFamilyNameAndInitialsOfTheRest) {
  EXPECT_EQ(mask_name("Nguyễn Văn An"), "Nguyễn V. A.");
  EXPECT_EQ(mask_name("Trần Thị Ngọc Hân"), "Trần T. N. H.");
  EXPECT_EQ(mask_name("Lê Lợi"), "Lê L.");
}

TEST(MaskNameTest, KeepsMultiByteInitialsWhole) {
  EXPECT_EQ(mask_name("Đặng Thị Ánh"), "Đặng T. Á.");
  EXPECT_EQ(mask_name("Phạm Ánh Ễnh"), "Phạm Á. Ễ.");
  EXPECT_EQ(mask_name("Hồ Đức Ưng"), "Hồ Đ. Ư.");
}

TEST(MaskNameTest, LeavesASingleWordAsIs) {
  EXPECT_EQ(mask_name("Ánh"), "Ánh");
  EXPECT_EQ(mask_name("  Ánh  "), "Ánh");
}

TEST(MaskNameTest, CollapsesExtraWhitespace) {
  EXPECT_EQ(mask_name("  Nguyễn   Văn\tAn "), "Nguyễn V. A.");
  EXPECT_EQ(mask_name(""), "");
  EXPECT_EQ(mask_name("   "), "");
}

TEST(MaskNameTest, ReplacesInvalidBytesSoTheResultIsValidUtf8) {
  // "Trân Ân Nguyên" in Latin-1, as an old spreadsheet export writes it: the second initial is
  // the lone byte C2, which must not be copied out half-decoded.
  const std::string latin1 = "Tr\xE2n \xC2n Nguy\xEAn";
  EXPECT_EQ(mask_name(latin1), "Tr\xEF\xBF\xBDn \xEF\xBF\xBD. N.");
  EXPECT_EQ(check_text(mask_name(latin1), 100, true), TextProblem::kNone);
}

// ---- is_valid_utf8, has_combining_mark ------------------------------------------------------

TEST(IsValidUtf8Test, AcceptsVietnameseAndRejectsMalformedSequences) {
  EXPECT_TRUE(is_valid_utf8(""));
  EXPECT_TRUE(is_valid_utf8("Xã Phú Túc"));
  EXPECT_FALSE(is_valid_utf8("Huy\xE1\xBB"));   // cut in the middle of "ệ"
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));      // an overlong '/'
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));  // a UTF-16 surrogate
}

TEST(HasCombiningMarkTest, FindsDecomposedVietnameseOnly) {
  EXPECT_FALSE(has_combining_mark("Huyện Định Quán"));
  // "Định" with i + combining dot below (U+0323): the decomposed form.
  EXPECT_TRUE(has_combining_mark("Đi\xCC\xA3nh"));
  EXPECT_FALSE(has_combining_mark("Nguy\xE1"));  // invalid bytes are not marks
}

}  // namespace
}  // namespace vnn::platform::text
