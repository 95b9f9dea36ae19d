#pragma once
// How personal data is kept and shown. Citizen ids are stored as a keyed hash (to find the same
// person anywhere in the registry) and a sealed value; addresses are sealed; names are stored in
// clear because the district reads and searches them. What a caller sees depends on the role.

#include <cstdint>
#include <optional>
#include <string>

#include "household_settings.h"
#include "vnn/platform/auth/principal.h"
#include "vnn/platform/crypto/secrets.h"

namespace vnn::household_review {

// What of a household's personal data a caller sees.
enum class Disclosure {
  kMasked,  // masked names only ("Nguyễn V. A."); no address, no citizen id
  kNames,   // names and address; citizen ids masked
  kFull,    // also citizen ids in full
};

// Commune, social-affairs and district officers work with the lists: full. Auditors and the
// member organisation a household is assigned to: names and address. Everyone else: masked.
Disclosure disclosure_for(const platform::auth::Principal& viewer);

class PersonalDataVault {
 public:
  explicit PersonalDataVault(const HouseholdSettings& settings)
      : hash_key_(settings.citizen_id_hash_key),
        keyring_(settings.personal_data_keys, settings.personal_data_current_key,
                 settings.personal_data_legacy_key) {}

  // A checked citizen id before its row exists: it is sealed when inserted, bound to the row.
  struct SealedCitizenId {
    std::string hash_hex;    // hex of the keyed hash, for decode($n, 'hex')
    std::string masked;      // "075*******89"
    std::string normalized;  // in memory only, until sealed
  };
  SealedCitizenId check_citizen_id(const std::string& normalized) const;
  std::string citizen_id_hash_hex(const std::string& normalized) const;

  // Values are sealed under the current key, with additional data naming their row and field:
  // a person by (household id, ordinal), an address by (unit, household code), the natural keys
  // of those rows. A value moved to another row or field does not open.
  std::string seal_citizen_id_hex(const std::string& normalized, std::int64_t household_id,
                                  std::int64_t ordinal) const;
  // From encode(citizen_sealed, 'hex'). Throws Error(kInternal) when it does not open.
  std::string open_citizen_id(const std::string& sealed_hex, std::int64_t household_id,
                              std::int64_t ordinal) const;
  std::string seal_address_hex(const std::string& address, const std::string& unit_code,
                               const std::string& household_code) const;
  std::string open_address(const std::string& sealed_hex, const std::string& unit_code,
                           const std::string& household_code) const;

  const platform::crypto::Keyring& keyring() const { return keyring_; }

 private:
  std::string hash_key_;
  platform::crypto::Keyring keyring_;
};

}  // namespace vnn::household_review
