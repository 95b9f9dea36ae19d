#pragma once
// How personal data is kept and shown. Citizen ids are stored as a keyed hash (to find the same
// person anywhere in the registry) and a sealed value; addresses are sealed; names are stored in
// clear because the district reads and searches them. What a caller sees depends on the role.

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
      : hash_key_(settings.citizen_id_hash_key), sealer_(settings.personal_data_key) {}

  struct SealedCitizenId {
    std::string hash_hex;    // hex of the keyed hash, for decode($n, 'hex')
    std::string sealed_hex;  // hex of the sealed value
    std::string masked;      // "075*******89"
  };
  SealedCitizenId seal_citizen_id(const std::string& normalized) const;
  std::string citizen_id_hash_hex(const std::string& normalized) const;
  // From encode(citizen_sealed, 'hex').
  std::string open_citizen_id(const std::string& sealed_hex) const;

  std::string seal_address_hex(const std::string& address) const;
  std::string open_address(const std::string& sealed_hex) const;

 private:
  std::string hash_key_;
  platform::crypto::Sealer sealer_;
};

}  // namespace vnn::household_review
