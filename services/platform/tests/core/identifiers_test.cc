#include "vnn/platform/text/identifiers.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <set>
#include <string>

namespace vnn::platform::text {
namespace {

// ---- citizen ID ----------------------------------------------------------------------------

TEST(NormalizeCitizenIdTest, AcceptsDongNaiNumbersAndDropsSpaces) {
  EXPECT_EQ(normalize_citizen_id("075095001289"), "075095001289");
  EXPECT_EQ(normalize_citizen_id("075 095 001 289"), "075095001289");
  EXPECT_EQ(normalize_citizen_id(" 075301004567 "), "075301004567");
}

TEST(NormalizeCitizenIdTest, AcceptsExactlyTheOfficialProvinceCodes) {
  const std::set<std::string> official{
      "001", "002", "004", "006", "008", "010", "011", "012", "014", "015", "017", "019", "020",
      "022", "024", "025", "026", "027", "030", "031", "033", "034", "035", "036", "037", "038",
      "040", "042", "044", "045", "046", "048", "049", "051", "052", "054", "056", "058", "060",
      "062", "064", "066", "067", "068", "070", "072", "074", "075", "077", "079", "080", "082",
      "083", "084", "086", "087", "089", "091", "092", "093", "094", "095", "096"};
  ASSERT_EQ(official.size(), 63u);
  // Every three-digit prefix, so an unassigned code slipping in fails as loudly as a missing one.
  for (int code = 0; code <= 999; ++code) {
    char prefix[4];
    std::snprintf(prefix, sizeof prefix, "%03d", code);
    const std::string id = std::string(prefix) + "095001289";
    EXPECT_EQ(normalize_citizen_id(id).has_value(), official.count(prefix) == 1) << id;
  }
}

TEST(NormalizeCitizenIdTest, RejectsUnassignedProvinceCodes) {
  EXPECT_EQ(normalize_citizen_id("003095001289"), std::nullopt);  // gap in the list
  EXPECT_EQ(normalize_citizen_id("000095001289"), std::nullopt);
  EXPECT_EQ(normalize_citizen_id("097095001289"), std::nullopt);  // past the last code, 096
  EXPECT_EQ(normalize_citizen_id("750095001289"), std::nullopt);  // "75" without the zero
}

TEST(NormalizeCitizenIdTest, RejectsCenturyDigitsForBirthsFrom2100On) {
  for (char digit = '4'; digit <= '9'; ++digit) {
    const std::string id = std::string("075") + digit + "95001289";
    EXPECT_EQ(normalize_citizen_id(id), std::nullopt) << id;
  }
}

TEST(NormalizeCitizenIdTest, RejectsWrongLengths) {
  EXPECT_EQ(normalize_citizen_id("07509500128"), std::nullopt);    // 11 digits
  EXPECT_EQ(normalize_citizen_id("0750950012890"), std::nullopt);  // 13 digits
  EXPECT_EQ(normalize_citizen_id("271234567"), std::nullopt);      // old 9-digit CMND
  EXPECT_EQ(normalize_citizen_id(""), std::nullopt);
  EXPECT_EQ(normalize_citizen_id("   "), std::nullopt);
}

TEST(NormalizeCitizenIdTest, RejectsNonDigits) {
  EXPECT_EQ(normalize_citizen_id("07509500128A"), std::nullopt);
  EXPECT_EQ(normalize_citizen_id("O75095001289"), std::nullopt);  // letter O for zero
  EXPECT_EQ(normalize_citizen_id("075-095-001-289"), std::nullopt);
  // Full-width digits from some Vietnamese IMEs are not ASCII digits.
  EXPECT_EQ(normalize_citizen_id("\xEF\xBC\x90"
                                 "75095001289"),
            std::nullopt);
}

TEST(CitizenIdFactsTest, ReadsProvinceSexAndBirthYear) {
  const std::optional<CitizenIdFacts> man = citizen_id_facts("075095001289");
  ASSERT_TRUE(man.has_value());
  EXPECT_EQ(man->province_code, "075");
  EXPECT_FALSE(man->female);
  EXPECT_EQ(man->birth_year, 1995);

  const std::optional<CitizenIdFacts> woman = citizen_id_facts("075301004567");
  ASSERT_TRUE(woman.has_value());
  EXPECT_EQ(woman->province_code, "075");
  EXPECT_TRUE(woman->female);
  EXPECT_EQ(woman->birth_year, 2001);
}

TEST(CitizenIdFactsTest, MapsEachIssuableCenturyDigit) {
  struct Case {
    const char* id;
    bool female;
    int birth_year;
  };
  for (const Case& c : {Case{"079000123456", false, 1900}, Case{"079199123456", true, 1999},
                        Case{"001200123456", false, 2000}, Case{"001324123456", true, 2024}}) {
    const std::optional<CitizenIdFacts> facts = citizen_id_facts(c.id);
    ASSERT_TRUE(facts.has_value()) << c.id;
    EXPECT_EQ(facts->female, c.female) << c.id;
    EXPECT_EQ(facts->birth_year, c.birth_year) << c.id;
  }
}

TEST(CitizenIdFactsTest, RejectsWhatNormalizeRejectsAndUnnormalizedInput) {
  EXPECT_EQ(citizen_id_facts("003095001289"), std::nullopt);
  EXPECT_EQ(citizen_id_facts("075495001289"), std::nullopt);
  EXPECT_EQ(citizen_id_facts("07509500128"), std::nullopt);
  EXPECT_EQ(citizen_id_facts("075 095 001 289"), std::nullopt);
}

TEST(MaskCitizenIdTest, KeepsProvinceCodeAndLastTwoDigits) {
  EXPECT_EQ(mask_citizen_id("075095001289"), "075*******89");
}

TEST(MaskCitizenIdTest, MasksShortInputCompletely) {
  EXPECT_EQ(mask_citizen_id("07589"), "*****");
  EXPECT_EQ(mask_citizen_id(""), "");
}

// ---- tax code ------------------------------------------------------------------------------

TEST(NormalizeTaxCodeTest, AcceptsRealCompanyCodes) {
  EXPECT_EQ(normalize_tax_code("0100109106"), "0100109106");  // Viettel
  EXPECT_EQ(normalize_tax_code("0100112437"), "0100112437");  // Vietcombank
  EXPECT_EQ(normalize_tax_code("0300588569"), "0300588569");  // Vinamilk
  EXPECT_EQ(normalize_tax_code("0100686209"), "0100686209");
  // Weighted sum mod 11 is 10 here, so the check digit is 0: the edge of the formula.
  EXPECT_EQ(normalize_tax_code("0100107370"), "0100107370");  // Petrolimex
}

TEST(NormalizeTaxCodeTest, RejectsWrongCheckDigit) {
  EXPECT_EQ(normalize_tax_code("0100109107"), std::nullopt);
  EXPECT_EQ(normalize_tax_code("0100112430"), std::nullopt);
  EXPECT_EQ(normalize_tax_code("0302000000"), std::nullopt);  // its check digit would be 6
  EXPECT_EQ(normalize_tax_code("0302000006"), "0302000006");
}

TEST(NormalizeTaxCodeTest, RejectsEveryCodeWhoseSumLeavesRemainderZero) {
  // 0100109 04: weighted sum 110, so the check digit would have to be 10.
  for (char check = '0'; check <= '9'; ++check) {
    const std::string code = std::string("010010904") + check;
    EXPECT_EQ(normalize_tax_code(code), std::nullopt) << code;
  }
}

TEST(NormalizeTaxCodeTest, RejectsAllZeroSequence) {
  // Passes the check digit, but sequences start at 0000001.
  EXPECT_EQ(normalize_tax_code("0100000003"), std::nullopt);
}

TEST(NormalizeTaxCodeTest, NormalizesBranchCodesWithOrWithoutHyphen) {
  EXPECT_EQ(normalize_tax_code("0100109106-001"), "0100109106-001");
  EXPECT_EQ(normalize_tax_code("0100109106001"), "0100109106-001");
  EXPECT_EQ(normalize_tax_code(" 0100109106 - 012 "), "0100109106-012");
}

TEST(NormalizeTaxCodeTest, RejectsBadBranchCodes) {
  EXPECT_EQ(normalize_tax_code("0100109106-000"), std::nullopt);  // branches start at 001
  EXPECT_EQ(normalize_tax_code("0100109107-001"), std::nullopt);  // parent's check digit wrong
  EXPECT_EQ(normalize_tax_code("0100109106-01"), std::nullopt);
  EXPECT_EQ(normalize_tax_code("0100109106-0001"), std::nullopt);
  EXPECT_EQ(normalize_tax_code("0100109106-00A"), std::nullopt);
  EXPECT_EQ(normalize_tax_code("010010910-6001"), std::nullopt);  // hyphen in the wrong place
  EXPECT_EQ(normalize_tax_code("0100109106-"), std::nullopt);
}

TEST(NormalizeTaxCodeTest, RejectsTwelveDigitPersonalCodes) {
  // An individual's tax code is their citizen ID since 1 July 2025; it has its own field.
  EXPECT_EQ(normalize_tax_code("075095001289"), std::nullopt);
  EXPECT_EQ(normalize_tax_code("075-095001289"), std::nullopt);
}

TEST(NormalizeTaxCodeTest, RejectsOtherLengthsAndLetters) {
  EXPECT_EQ(normalize_tax_code("010010910"), std::nullopt);
  EXPECT_EQ(normalize_tax_code("01001091060"), std::nullopt);
  EXPECT_EQ(normalize_tax_code("01001091O6"), std::nullopt);
  EXPECT_EQ(normalize_tax_code(""), std::nullopt);
}

// ---- phone ---------------------------------------------------------------------------------

TEST(NormalizePhoneTest, AcceptsDomesticAndInternationalForms) {
  EXPECT_EQ(normalize_phone("0912 345 678"), "0912345678");
  EXPECT_EQ(normalize_phone("+84912345678"), "0912345678");
  EXPECT_EQ(normalize_phone("84 912 345 678"), "0912345678");
  EXPECT_EQ(normalize_phone("+84 91 234 5678"), "0912345678");
  EXPECT_EQ(normalize_phone("091.234.5678"), "0912345678");
  EXPECT_EQ(normalize_phone("091-234-5678"), "0912345678");
}

TEST(NormalizePhoneTest, AcceptsEveryMobilePrefix) {
  EXPECT_EQ(normalize_phone("0321234567"), "0321234567");
  EXPECT_EQ(normalize_phone("0561234567"), "0561234567");
  EXPECT_EQ(normalize_phone("0701234567"), "0701234567");
  EXPECT_EQ(normalize_phone("0861234567"), "0861234567");
  EXPECT_EQ(normalize_phone("0981234567"), "0981234567");
}

TEST(NormalizePhoneTest, RejectsNonMobilePrefixes) {
  EXPECT_EQ(normalize_phone("0112345678"), std::nullopt);
  EXPECT_EQ(normalize_phone("0241234567"), std::nullopt);  // Hà Nội landline
  EXPECT_EQ(normalize_phone("0612345678"), std::nullopt);
  EXPECT_EQ(normalize_phone("+84212345678"), std::nullopt);
  EXPECT_EQ(normalize_phone("0012345678"), std::nullopt);
}

TEST(NormalizePhoneTest, RejectsWrongLengths) {
  EXPECT_EQ(normalize_phone("091234567"), std::nullopt);      // 9 digits
  EXPECT_EQ(normalize_phone("09123456789"), std::nullopt);    // 11 digits
  EXPECT_EQ(normalize_phone("01223456789"), std::nullopt);    // pre-2018 11-digit number
  EXPECT_EQ(normalize_phone("+8491234567"), std::nullopt);    // 8 digits after +84
  EXPECT_EQ(normalize_phone("+840912345678"), std::nullopt);  // trunk 0 after the country code
  EXPECT_EQ(normalize_phone(""), std::nullopt);
}

TEST(NormalizePhoneTest, RejectsOtherCharacters) {
  EXPECT_EQ(normalize_phone("09123456a8"), std::nullopt);
  EXPECT_EQ(normalize_phone("0912+345678"), std::nullopt);
  EXPECT_EQ(normalize_phone("(091) 2345678"), std::nullopt);
  EXPECT_EQ(normalize_phone("+1 912 345 678"), std::nullopt);
}

TEST(MaskPhoneTest, KeepsFirstAndLastThreeDigits) {
  EXPECT_EQ(mask_phone("0901234567"), "090****567");
}

TEST(MaskPhoneTest, MasksShortInputCompletely) {
  EXPECT_EQ(mask_phone("090567"), "******");
  EXPECT_EQ(mask_phone(""), "");
}

// ---- bank account --------------------------------------------------------------------------

TEST(NormalizeBankAccountNumberTest, AcceptsTheSeedAccount) {
  EXPECT_EQ(normalize_bank_account_number("1000007061600643"), "1000007061600643");
  EXPECT_EQ(normalize_bank_account_number("1000 0070 6160 0643"), "1000007061600643");
}

TEST(NormalizeBankAccountNumberTest, AcceptsSixToNineteenDigitsKeepingLeadingZeros) {
  EXPECT_EQ(normalize_bank_account_number("123456"), "123456");
  EXPECT_EQ(normalize_bank_account_number("1234567890123456789"), "1234567890123456789");
  EXPECT_EQ(normalize_bank_account_number("0071000123456"), "0071000123456");
}

TEST(NormalizeBankAccountNumberTest, RejectsOutOfRangeLengthsAndNonDigits) {
  EXPECT_EQ(normalize_bank_account_number("12345"), std::nullopt);
  EXPECT_EQ(normalize_bank_account_number("12345678901234567890"), std::nullopt);
  EXPECT_EQ(normalize_bank_account_number("1000-0070-6160-0643"), std::nullopt);
  EXPECT_EQ(normalize_bank_account_number("10000070616OO643"), std::nullopt);
  EXPECT_EQ(normalize_bank_account_number("      "), std::nullopt);
}

}  // namespace
}  // namespace vnn::platform::text
