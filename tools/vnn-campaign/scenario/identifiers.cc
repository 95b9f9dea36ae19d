#include "scenario/identifiers.h"

#include <array>
#include <cstdio>
#include <vector>

namespace vnn::campaign {
namespace {

std::string digits(std::int64_t value, int width) {
  std::string text = std::to_string(value);
  if (static_cast<int>(text.size()) < width) text.insert(0, width - text.size(), '0');
  return text;
}

const std::vector<std::string> kMobilePrefixes{
    "090", "091", "093", "094", "097", "098", "086", "032", "033", "034", "035", "036",
    "037", "038", "039", "070", "076", "077", "079", "081", "083", "084", "085", "088"};

}  // namespace

int tax_check_digit(const std::string& nine_digits) {
  constexpr std::array<int, 9> kWeights{31, 29, 23, 19, 17, 13, 7, 5, 3};
  int sum = 0;
  for (std::size_t i = 0; i < kWeights.size(); ++i) sum += kWeights[i] * (nine_digits[i] - '0');
  const int remainder = sum % 11;
  return remainder == 0 ? -1 : (10 - remainder) % 10;
}

std::string Identifiers::citizen_id(bool female, int birth_year) {
  const int century_digit = (birth_year >= 2000 ? 2 : 0) + (female ? 1 : 0);
  // The serial counts up from a seeded start, so no two people share a number.
  if (next_serial_ == 0) next_serial_ = rng_.between(1000, 9000) * 10;
  const std::int64_t serial = next_serial_;
  next_serial_ += rng_.between(1, 37);
  return "075" + std::to_string(century_digit) + digits(birth_year % 100, 2) +
         digits(serial % 1000000, 6);
}

std::string Identifiers::tax_code() {
  for (;;) {
    const std::string nine = "36" + digits(rng_.between(1, 9999999), 7);
    const int check = tax_check_digit(nine);
    if (check < 0) continue;
    std::string code = nine + std::to_string(check);
    if (tax_codes_.insert(code).second) return code;
  }
}

std::string Identifiers::phone() {
  for (;;) {
    std::string number = rng_.pick(kMobilePrefixes) + digits(rng_.between(0, 9999999), 7);
    if (phones_.insert(number).second) return number;
  }
}

std::string Identifiers::bank_reference(int day_of_year) {
  ++next_reference_;
  return "FT24" + digits(day_of_year, 3) + digits(40000 + next_reference_ * 7, 5);
}

}  // namespace vnn::campaign
