#pragma once
// A synthetic official list of poor and near-poor households for the household-review scale
// bench: communes of Định Quán (736), their hamlets, Vietnamese names, birth years and citizen
// ids as the import checks them, and duplicates planted on purpose so that the bench can count
// how many the service finds.

#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <unordered_set>
#include <vector>

namespace vnn::testing {

struct ListPerson {
  std::string relation, full_name, citizen_id;  // citizen_id empty when the list has none
  int birth_year = 0;
  bool female = false;
};

struct ListHousehold {
  std::string code, unit_code, hamlet, address;
  std::string poverty_status, housing, merit, hardship, vulnerabilities;  // as the CSV prints
  int classified_year = 0;
  std::vector<ListPerson> persons;  // the head first
};

// A household registered twice on purpose: b is the copy of a's head.
struct PlantedPair {
  enum class Kind { kCitizenId, kSimilarName };
  Kind kind;
  std::string unit_a, code_a, unit_b, code_b;
};

struct HouseholdList {
  std::map<std::string, std::vector<ListHousehold>> by_unit;  // commune code → its list
  std::vector<PlantedPair> planted;
  std::map<std::string, std::vector<std::string>> hamlets;  // commune code → its hamlets
  std::int64_t rows = 0;
};

// Makes people: names from common family, middle and given names, and citizen ids that agree
// with the birth year and are unique among those it made (the list's and later probes').
class PersonMaker {
 public:
  explicit PersonMaker(std::uint64_t seed) : random_(seed) {}
  ListPerson adult(int first_year, int last_year);
  std::string citizen_id(int birth_year, bool female);
  std::mt19937_64& random() { return random_; }

 private:
  std::mt19937_64 random_;
  std::unordered_set<std::string> used_;
};

// The communes of district 736 valid until 2025-06-30 whose codes were not given to another
// unit in the 2025 merger: the service dates a code by its last valid day, so a reused code
// would name the new unit instead.
const std::vector<std::string>& bench_communes();

// `households` in all, of which about `planted_share` each are copies of an earlier head: the
// same citizen id in another commune, or the same name written without diacritics or with
// other spacing, in the same hamlet and birth year, without a citizen id.
HouseholdList make_household_list(std::int64_t households, double planted_share,
                                  PersonMaker& people);

// The list of one commune as the import reads it: the header, then one row per person.
std::string household_csv(const std::vector<ListHousehold>& households);

// "Nguyễn Văn An" → "Nguyen Van An": a list typed without a Vietnamese keyboard.
std::string without_diacritics(const std::string& text);

}  // namespace vnn::testing
