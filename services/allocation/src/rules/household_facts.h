#pragma once
// What household review says of a household in a campaign, as the rules need it.

#include <cstdint>
#include <string>

namespace vnn::allocation::rules {

enum class PovertyStatus { kUnknown, kPoor, kNearPoor };
enum class Housing { kUnknown, kTemporary, kNonDurable, kDurable };

struct HouseholdFacts {
  std::int64_t household_id = 0;
  bool exists = false;
  std::string unit_code;  // the commune
  PovertyStatus poverty_status = PovertyStatus::kUnknown;
  Housing housing = Housing::kUnknown;
  bool meritorious_member = false;
  bool sudden_hardship = false;
  bool merged = false;  // merged into another household as a duplicate
  std::int64_t merged_into_id = 0;
  bool escaped_poverty = false;
  bool approved = false;        // approved by the district's review in the campaign
  bool open_duplicate = false;  // a duplicate question about it is not decided yet
  std::string assigned_organisation_id;
};

}  // namespace vnn::allocation::rules
