#pragma once
// Invented but well-formed identifiers, each unique in the scenario: citizen ids registered in
// Đồng Nai (075) that agree with their holder's sex and birth year, business tax codes with
// their check digit, mobile numbers, and bank transaction references.

#include <cstdint>
#include <set>
#include <string>

#include "scenario/random.h"

namespace vnn::campaign {

class Identifiers {
 public:
  explicit Identifiers(Rng& rng) : rng_(rng) {}

  // "075" + the sex/century digit + the birth year's last two digits + a serial of six.
  std::string citizen_id(bool female, int birth_year);
  // Ten digits starting 36 (Đồng Nai's tax office), the tenth checking the first nine.
  std::string tax_code();
  // A Vietnamese mobile number, "0" + nine digits on a mobile prefix.
  std::string phone();
  // A bank transaction reference, "FT24" + the day of the year + a serial.
  std::string bank_reference(int day_of_year);

 private:
  Rng& rng_;
  std::int64_t next_serial_ = 0;
  std::int64_t next_reference_ = 0;
  std::set<std::string> tax_codes_, phones_;
};

// The check digit rule of a ten-digit tax code (weights 31, 29, 23, 19, 17, 13, 7, 5, 3): the
// digit for the first nine, or -1 when none exists.
int tax_check_digit(const std::string& nine_digits);

}  // namespace vnn::campaign
