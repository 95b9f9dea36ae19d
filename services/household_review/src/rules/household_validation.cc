#include "rules/household_validation.h"

#include <algorithm>
#include <cctype>

#include "vnn/platform/errors.h"
#include "vnn/platform/text/identifiers.h"
#include "vnn/platform/text/text.h"

namespace vnn::household_review::rules {
namespace {

using platform::invalid_argument;

constexpr std::size_t kMaxName = 100;
constexpr std::size_t kMaxPlace = 100;
constexpr std::size_t kMaxAddress = 300;
constexpr std::size_t kMaxCode = 40;
constexpr std::size_t kMaxRelation = 40;
constexpr std::size_t kMaxHardship = 200;
constexpr std::size_t kMaxVulnerability = 100;
constexpr std::size_t kMaxMembers = 30;
constexpr std::size_t kMaxVulnerabilities = 10;
constexpr int kEarliestBirthYear = 1900;

std::string checked_text(const std::string& value, const std::string& field, std::size_t max,
                         bool required) {
  platform::text::require_text(value, field, max, required);
  return value;
}

void require_code(const std::string& code, const std::string& field) {
  const bool ok = !code.empty() && code.size() <= kMaxCode &&
                  std::all_of(code.begin(), code.end(), [](unsigned char c) {
                    return std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '/';
                  });
  if (!ok) {
    throw invalid_argument(field, "must be 1–40 letters, digits, '-', '_', '.' or '/'",
                           "gồm 1–40 chữ cái, chữ số, '-', '_', '.' hoặc '/'");
  }
}

}  // namespace

const std::vector<PovertyStandard>& poverty_standards() {
  static const std::vector<PovertyStandard> standards{
      {"2016-2020", 2016, 2021, "Quyết định 59/2015/QĐ-TTg"},
      {"2022-2025", 2022, 2025, "Nghị định 07/2021/NĐ-CP"},
  };
  return standards;
}

CheckedPerson check_person(const PersonInput& in, const std::string& field, int this_year) {
  CheckedPerson out;
  out.full_name = checked_text(in.full_name, field + ".full_name", kMaxName, true);
  out.masked_name = platform::text::mask_name(out.full_name);
  out.relation = checked_text(in.relation, field + ".relation", kMaxRelation, false);
  if (in.birth_year < kEarliestBirthYear || in.birth_year > this_year) {
    throw invalid_argument(field + ".birth_year",
                           "must be between 1900 and " + std::to_string(this_year),
                           "phải từ 1900 đến " + std::to_string(this_year));
  }
  out.birth_year = in.birth_year;
  if (!in.citizen_id.empty()) {
    const auto normalized = platform::text::normalize_citizen_id(in.citizen_id);
    if (!normalized) {
      throw invalid_argument(field + ".citizen_id",
                             "must be 12 digits with a valid province and century code",
                             "phải gồm 12 chữ số với mã tỉnh và mã thế kỷ hợp lệ");
    }
    // Digits 4–6 encode the century and year of birth: a number that disagrees with the birth
    // year is a typo in one of them.
    const auto facts = platform::text::citizen_id_facts(*normalized);
    if (facts && facts->birth_year != out.birth_year) {
      throw invalid_argument(field + ".citizen_id",
                             "encodes birth year " + std::to_string(facts->birth_year) + ", not " +
                                 std::to_string(out.birth_year),
                             "mang năm sinh " + std::to_string(facts->birth_year) +
                                 ", không phải " + std::to_string(out.birth_year));
    }
    out.citizen_id = *normalized;
  }
  return out;
}

CheckedHousehold check_household(const HouseholdInput& in, const std::string& prefix,
                                 int this_year) {
  CheckedHousehold out;
  require_code(in.household_code, prefix + "household_code");
  out.household_code = in.household_code;
  out.unit_code = in.unit_code;
  out.hamlet = checked_text(in.hamlet, prefix + "hamlet", kMaxPlace, true);
  out.address = checked_text(in.address, prefix + "address", kMaxAddress, false);

  if (in.poverty_status != "poor" && in.poverty_status != "near_poor") {
    throw invalid_argument(prefix + "poverty_status", "is required (poor or near-poor)",
                           "bắt buộc (hộ nghèo hoặc hộ cận nghèo)");
  }
  out.poverty_status = in.poverty_status;
  out.poverty_standard =
      in.poverty_standard.empty() ? kCurrentPovertyStandard : in.poverty_standard;
  const auto& standards = poverty_standards();
  const auto standard = std::find_if(standards.begin(), standards.end(),
                                     [&](const auto& s) { return out.poverty_standard == s.name; });
  if (standard == standards.end()) {
    throw invalid_argument(prefix + "poverty_standard", "is not a known standard (2022-2025)",
                           "không phải chuẩn nghèo đã biết (2022-2025)");
  }
  if (in.classified_year < standard->first_year || in.classified_year > standard->last_year) {
    throw invalid_argument(prefix + "classified_year",
                           "must be a year of the " + out.poverty_standard + " standard",
                           "phải là một năm của chuẩn nghèo " + out.poverty_standard);
  }
  out.classified_year = in.classified_year;
  if (in.housing != "temporary" && in.housing != "non_durable" && in.housing != "durable") {
    throw invalid_argument(prefix + "housing", "is required", "bắt buộc");
  }
  out.housing = in.housing;
  out.meritorious_member = in.meritorious_member;
  out.sudden_hardship =
      checked_text(in.sudden_hardship, prefix + "sudden_hardship", kMaxHardship, false);
  if (in.vulnerabilities.size() > kMaxVulnerabilities) {
    throw invalid_argument(prefix + "vulnerabilities", "at most 10", "tối đa 10");
  }
  for (std::size_t i = 0; i < in.vulnerabilities.size(); ++i) {
    out.vulnerabilities.push_back(
        checked_text(in.vulnerabilities[i], prefix + "vulnerabilities[" + std::to_string(i) + "]",
                     kMaxVulnerability, true));
  }
  if (!in.head) throw invalid_argument(prefix + "head", "is required", "bắt buộc");
  out.persons.push_back(check_person(*in.head, prefix + "head", this_year));
  if (out.persons.back().relation.empty()) out.persons.back().relation = "chủ hộ";
  if (in.members.size() > kMaxMembers) {
    throw invalid_argument(prefix + "members", "at most 30", "tối đa 30 người");
  }
  for (std::size_t i = 0; i < in.members.size(); ++i) {
    out.persons.push_back(
        check_person(in.members[i], prefix + "members[" + std::to_string(i) + "]", this_year));
  }
  return out;
}

}  // namespace vnn::household_review::rules
