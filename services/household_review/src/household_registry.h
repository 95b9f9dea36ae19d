#pragma once
// The registry of households: what communes send, checked and sealed; insertion in batches (one
// statement per table for any number of households, so a province's list imports in seconds),
// and loading a household as the caller may see it.

#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "personal_data.h"
#include "vnn/household_review/v1/household_review.pb.h"

namespace vnn::household_review {

struct ValidPerson {
  std::string full_name, masked_name, relation;
  int birth_year = 0;
  std::optional<PersonalDataVault::SealedCitizenId> citizen_id;
};

struct ValidHousehold {
  std::string household_code, unit_code, hamlet, address_sealed_hex;
  std::string poverty_status, poverty_standard, housing, sudden_hardship;
  int classified_year = 0;
  bool meritorious_member = false;
  std::vector<std::string> vulnerabilities;
  std::vector<ValidPerson> persons;  // the head first
};

// The household rules (rules/household_validation.h) over a request's household, with the
// citizen ids and the address sealed for storage and the year read in Vietnam today. Throws
// INVALID_ARGUMENT naming `prefix`.<field> for the first problem found. Unit scope is the
// caller's check, not this one's.
ValidHousehold validate_household(const v1::Household& in, const PersonalDataVault& vault,
                                  const std::string& prefix);
ValidPerson validate_person(const v1::Person& in, const PersonalDataVault& vault,
                            const std::string& field);

struct Inserted {
  std::int64_t id;
  std::string household_code;
};

// Inserts the households of one unit that are not registered yet (by household code); returns
// those inserted. Existing codes are left as they are: a re-import creates nothing new.
std::vector<Inserted> insert_households(pqxx::transaction_base& tx, const std::string& unit_code,
                                        const std::vector<ValidHousehold>& households,
                                        const std::string& registered_by,
                                        const PersonalDataVault& vault);

// False if there is no such household.
bool load_household(pqxx::transaction_base& tx, std::int64_t id, Disclosure disclosure,
                    const PersonalDataVault& vault, v1::Household* out);

// The unit and masked head name of a household; nullopt if unknown.
struct HouseholdSummary {
  std::string unit_code, masked_name;
  v1::HouseholdFlags flags;
  bool merged = false;
};
std::optional<HouseholdSummary> household_summary(pqxx::transaction_base& tx, std::int64_t id);

}  // namespace vnn::household_review
