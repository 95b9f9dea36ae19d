#pragma once
// Invented Vietnamese personal names with correct diacritics: family names at roughly their
// real frequencies (Nguyễn about two in five), middle names by sex, given names by sex.

#include <string>
#include <string_view>

#include "scenario/random.h"

namespace vnn::campaign {

struct PersonName {
  std::string family, middle, given;
  std::string full() const { return family + " " + middle + " " + given; }
};

PersonName random_name(Rng& rng, bool female);
// A given name only (for a member who shares the head's family name).
std::string random_given_name(Rng& rng, bool female);
std::string random_family_name(Rng& rng);
std::string random_middle_name(Rng& rng, bool female);

// The name as written without its marks ("Nguyễn Văn Hùng" → "Nguyen Van Hung", đ as d): how
// a name is sometimes typed, and what a duplicate list carries.
std::string without_diacritics(std::string_view name);

}  // namespace vnn::campaign
