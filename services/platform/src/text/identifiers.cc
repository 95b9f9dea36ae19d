#include "vnn/platform/text/identifiers.h"

#include <algorithm>
#include <array>
#include <cstddef>

namespace vnn::platform::text {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool all_digits(std::string_view text) { return std::all_of(text.begin(), text.end(), is_digit); }

int digit_value(char c) { return c - '0'; }

// Drops the ASCII separators people type between digit groups. Any other byte, including
// those of a multi-byte character, stays and then fails the digit checks.
std::string without(std::string_view text, std::string_view separators) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (separators.find(c) == std::string_view::npos) out.push_back(c);
  }
  return out;
}

// Province / centrally-run city codes of the citizen ID (annex to Circular 07/2016/TT-BCA). The
// gaps (003, 005, 007, ...) are codes the list never assigned. A citizen keeps their number for
// life, so the 2025 province mergers leave numbers with every one of these codes in use.
// Sorted, for binary_search.
constexpr std::array<std::string_view, 63> kCitizenIdProvinceCodes{
    "001", "002", "004", "006", "008", "010", "011", "012", "014", "015", "017", "019", "020",
    "022", "024", "025", "026", "027", "030", "031", "033", "034", "035", "036", "037", "038",
    "040", "042", "044", "045", "046", "048", "049", "051", "052", "054", "056", "058", "060",
    "062", "064", "066", "067", "068", "070", "072", "074", "075", "077", "079", "080", "082",
    "083", "084", "086", "087", "089", "091", "092", "093", "094", "095", "096"};

bool is_citizen_id_province(std::string_view code) {
  return std::binary_search(kCitizenIdProvinceCodes.begin(), kCitizenIdProvinceCodes.end(), code);
}

// Digit 4 encodes century and sex: even = male, odd = female, and per Circular 07/2016/TT-BCA
// Art. 7: 0/1 = 1900-1999, 2/3 = 2000-2099, 4/5 = 2100-2199, 6/7 = 2200-2299,
// 8/9 = 2300-2399 (the circular gives the 24th century for 8/9, not the 19th). Only 0-3 can
// appear on a number issued to a living person today, so 4-9 are rejected: a donor typing one
// has mistyped the number.
constexpr int kLastIssuableCenturyDigit = 3;

int century_base(int century_digit) { return 1900 + (century_digit / 2) * 100; }

bool is_valid_citizen_id(std::string_view digits) {
  return digits.size() == 12 && all_digits(digits) && is_citizen_id_province(digits.substr(0, 3)) &&
         digit_value(digits[3]) <= kLastIssuableCenturyDigit;
}

// The tenth digit of a tax code checks the first nine: weights 31, 29, 23, 19, 17, 13, 7, 5, 3,
// check = 10 - (sum mod 11), the same rule as python-stdnum's vn.mst. A remainder of 0 would
// need a check digit of 10, so no ten-digit string with that remainder is a valid code. Verified
// against real codes: 0100109106 (Viettel), 0100112437 (Vietcombank), 0300588569 (Vinamilk),
// 0100686209, 0100107370 (Petrolimex, remainder 10 -> check 0).
bool has_valid_tax_check_digit(std::string_view ten_digits) {
  constexpr std::array<int, 9> kWeights{31, 29, 23, 19, 17, 13, 7, 5, 3};
  int sum = 0;
  for (std::size_t i = 0; i < kWeights.size(); ++i) sum += kWeights[i] * digit_value(ten_digits[i]);
  return 10 - sum % 11 == digit_value(ten_digits[9]);  // 10 never equals a digit
}

// Digits 3-9 are a sequence that starts at 0000001 and branch suffixes start at 001, so an
// all-zero part is never issued even when its check digit happens to fit.
bool is_valid_tax_code_head(std::string_view ten_digits) {
  return all_digits(ten_digits) && ten_digits.substr(2, 7) != "0000000" &&
         has_valid_tax_check_digit(ten_digits);
}

std::string mask_middle(std::string_view text, std::size_t keep_front, std::size_t keep_back) {
  if (text.size() <= keep_front + keep_back) return std::string(text.size(), '*');
  std::string out(text);
  std::fill(out.begin() + static_cast<std::ptrdiff_t>(keep_front),
            out.end() - static_cast<std::ptrdiff_t>(keep_back), '*');
  return out;
}

}  // namespace

std::optional<std::string> normalize_citizen_id(std::string_view text) {
  std::string digits = without(text, " ");
  if (!is_valid_citizen_id(digits)) return std::nullopt;
  return digits;
}

std::optional<CitizenIdFacts> citizen_id_facts(std::string_view normalized) {
  if (!is_valid_citizen_id(normalized)) return std::nullopt;
  const int century_digit = digit_value(normalized[3]);
  const int year_in_century = digit_value(normalized[4]) * 10 + digit_value(normalized[5]);
  return CitizenIdFacts{std::string(normalized.substr(0, 3)), century_digit % 2 == 1,
                        century_base(century_digit) + year_in_century};
}

std::optional<std::string> normalize_tax_code(std::string_view text) {
  const std::string compact = without(text, " ");
  std::string_view head;
  std::string_view branch;
  if (compact.size() == 10) {
    head = compact;
  } else if (compact.size() == 13) {
    head = std::string_view(compact).substr(0, 10);
    branch = std::string_view(compact).substr(10);
  } else if (compact.size() == 14 && compact[10] == '-') {
    head = std::string_view(compact).substr(0, 10);
    branch = std::string_view(compact).substr(11);
  } else {
    return std::nullopt;  // includes the 12 digits of an individual's citizen ID
  }
  if (!is_valid_tax_code_head(head)) return std::nullopt;
  if (branch.empty()) return std::string(head);
  if (!all_digits(branch) || branch == "000") return std::nullopt;
  return std::string(head) + "-" + std::string(branch);
}

std::optional<std::string> normalize_phone(std::string_view text) {
  const std::string compact = without(text, " .-");
  std::string_view subscriber;  // the nine digits after the trunk prefix 0 / country code 84
  if (compact.size() == 12 && compact.starts_with("+84")) {
    subscriber = std::string_view(compact).substr(3);
  } else if (compact.size() == 11 && compact.starts_with("84")) {
    subscriber = std::string_view(compact).substr(2);
  } else if (compact.size() == 10 && compact.starts_with('0')) {
    subscriber = std::string_view(compact).substr(1);
  } else {
    return std::nullopt;
  }
  if (!all_digits(subscriber)) return std::nullopt;
  // Since the 2018 renumbering every mobile network prefix starts 03, 05, 07, 08 or 09; 02x is
  // a landline, where a receipt SMS would never arrive.
  if (std::string_view("35789").find(subscriber.front()) == std::string_view::npos) {
    return std::nullopt;
  }
  return "0" + std::string(subscriber);
}

std::string mask_phone(std::string_view normalized) { return mask_middle(normalized, 3, 3); }

std::string mask_citizen_id(std::string_view normalized) { return mask_middle(normalized, 3, 2); }

std::optional<std::string> normalize_bank_account_number(std::string_view text) {
  std::string digits = without(text, " ");
  if (digits.size() < 6 || digits.size() > 19 || !all_digits(digits)) return std::nullopt;
  return digits;
}

}  // namespace vnn::platform::text
