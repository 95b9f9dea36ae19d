#include "personal_data.h"

#include "vnn/platform/db/arrays.h"
#include "vnn/platform/text/identifiers.h"

namespace vnn::household_review {
namespace {

// Authenticated with the value, so a sealed citizen id cannot be passed off as an address.
constexpr const char* kCitizenIdContext = "household.person.citizen_id";
constexpr const char* kAddressContext = "household.address";

}  // namespace

Disclosure disclosure_for(const platform::auth::Principal& viewer) {
  using platform::auth::Role;
  switch (viewer.role) {
    case Role::kCommuneOfficer:
    case Role::kSocialAffairsOfficer:
    case Role::kDistrictOffice:
      return Disclosure::kFull;
    case Role::kAuditor:
    case Role::kMemberOrganisation:
      return Disclosure::kNames;
    default:
      return Disclosure::kMasked;
  }
}

PersonalDataVault::SealedCitizenId PersonalDataVault::seal_citizen_id(
    const std::string& normalized) const {
  return {citizen_id_hash_hex(normalized),
          platform::db::to_hex(sealer_.seal(normalized, kCitizenIdContext)),
          platform::text::mask_citizen_id(normalized)};
}

std::string PersonalDataVault::citizen_id_hash_hex(const std::string& normalized) const {
  return platform::db::to_hex(platform::crypto::keyed_hash(hash_key_, normalized));
}

std::string PersonalDataVault::open_citizen_id(const std::string& sealed_hex) const {
  return sealer_.open(platform::db::from_hex(sealed_hex), kCitizenIdContext);
}

std::string PersonalDataVault::seal_address_hex(const std::string& address) const {
  return platform::db::to_hex(sealer_.seal(address, kAddressContext));
}

std::string PersonalDataVault::open_address(const std::string& sealed_hex) const {
  return sealer_.open(platform::db::from_hex(sealed_hex), kAddressContext);
}

}  // namespace vnn::household_review
