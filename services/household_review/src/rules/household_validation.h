#pragma once
// What a household sent by a commune must look like before it is registered: codes, texts and
// their lengths, the poverty status and the standard it was classified under, housing, the head
// first and at most 30 members, and each person's birth year and citizen id (whose digits encode
// a birth year that must be the person's). Unit scope is the caller's check, not this one's.
// The reference year is passed in: these rules never read the clock.

#include <optional>
#include <string>
#include <vector>

namespace vnn::household_review::rules {

// A person as sent (proto fields, enums as the words the database stores).
struct PersonInput {
  std::string full_name, relation, citizen_id;
  int birth_year = 0;
};

struct HouseholdInput {
  std::string household_code, unit_code, hamlet, address;
  std::string poverty_status;    // "poor", "near_poor"; empty when unspecified
  std::string poverty_standard;  // empty: the current standard
  int classified_year = 0;
  std::string housing;  // "temporary", "non_durable", "durable"; empty when unspecified
  bool meritorious_member = false;
  std::string sudden_hardship;
  std::vector<std::string> vulnerabilities;
  std::optional<PersonInput> head;
  std::vector<PersonInput> members;
};

struct CheckedPerson {
  std::string full_name, masked_name, relation;
  int birth_year = 0;
  std::optional<std::string> citizen_id;  // normalised 12 digits; sealed before it is stored
};

struct CheckedHousehold {
  std::string household_code, unit_code, hamlet, address;
  std::string poverty_status, poverty_standard, housing, sudden_hardship;
  int classified_year = 0;
  bool meritorious_member = false;
  std::vector<std::string> vulnerabilities;
  std::vector<CheckedPerson> persons;  // the head first
};

// Poverty standards a household may be classified under, with the years they apply to: the
// standard changes every period, so each household keeps the one it was classified under.
struct PovertyStandard {
  const char* name;  // "2022-2025"
  int first_year, last_year;
  const char* basis;  // the legal text that set it
};
const std::vector<PovertyStandard>& poverty_standards();
inline constexpr const char* kCurrentPovertyStandard = "2022-2025";

// Throws INVALID_ARGUMENT naming `prefix`<field> for the first problem found. `this_year` is the
// current year in Vietnam: no one is born after it.
CheckedHousehold check_household(const HouseholdInput& in, const std::string& prefix,
                                 int this_year);
// The same for one person; `field` names it ("household.head", "persons[2]").
CheckedPerson check_person(const PersonInput& in, const std::string& field, int this_year);

}  // namespace vnn::household_review::rules
