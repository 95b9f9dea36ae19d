#pragma once
// Vietnamese personal and business identifiers as donors and banks write them: validation,
// normalisation to the one form the service stores and compares, and masking for roles that may
// know a donor exists but must not see how to reach or identify them.
//
// Every normalize_* function returns nullopt for anything it does not accept, so a caller never
// stores a half-cleaned value.

#include <optional>
#include <string>
#include <string_view>

namespace vnn::platform::text {

// Citizen identity number (số định danh cá nhân, printed on the CCCD / căn cước card): 12 digits,
// spaces ignored. Checks the province code (the 63 codes of the official list) and the
// century/sex digit; the last six digits are a serial with no check digit, so a typo there
// cannot be caught.
std::optional<std::string> normalize_citizen_id(std::string_view text);

// What the first six digits of a citizen ID say about its holder.
struct CitizenIdFacts {
  std::string province_code;  // "075": where the birth was registered, not where they live
  bool female = false;
  int birth_year = 0;
};

// The facts encoded in a citizen ID that normalize_citizen_id() accepted; nullopt otherwise.
std::optional<CitizenIdFacts> citizen_id_facts(std::string_view normalized);

// Business tax code (mã số thuế): 10 digits with a check digit, or a branch's 13 digits written
// "NNNNNNNNNN-NNN" (hyphen optional on input, always present in the result; spaces ignored).
// Deliberately rejects 12 digits: since 1 July 2025 an individual's tax code is their citizen
// ID, which belongs in the citizen-ID field where it gets the right checks.
std::optional<std::string> normalize_tax_code(std::string_view text);

// Vietnamese mobile number, returned as the domestic 10-digit "0XXXXXXXXX" form. Accepts
// "0" + 9 digits, "+84" + 9 digits or "84" + 9 digits, ignoring spaces, dots and hyphens.
std::optional<std::string> normalize_phone(std::string_view text);

// "0901234567" -> "090****567". Meant for normalize_phone() output; anything shorter than
// seven characters is masked completely rather than partly revealed.
std::string mask_phone(std::string_view normalized);

// "075095001289" -> "075*******89". Meant for normalize_citizen_id() output; anything shorter
// than six characters is masked completely.
std::string mask_citizen_id(std::string_view normalized);

// Bank account number: 6-19 digits, spaces ignored. Leading zeros are significant at Vietnamese
// banks, so the result keeps them.
std::optional<std::string> normalize_bank_account_number(std::string_view text);

}  // namespace vnn::platform::text
