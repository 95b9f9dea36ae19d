#include "personal_data.h"

#include <stdexcept>

#include "vnn/platform/db/arrays.h"
#include "vnn/platform/errors.h"
#include "vnn/platform/text/identifiers.h"

namespace vnn::household_review {
namespace {

// The field names. Values sealed before key ids were bound to these alone (any row); values
// sealed since also name their row.
constexpr const char* kCitizenIdContext = "household.person.citizen_id";
constexpr const char* kAddressContext = "household.address";

std::string citizen_id_context(std::int64_t household_id, std::int64_t ordinal) {
  return std::string(kCitizenIdContext) + "|" + std::to_string(household_id) + "/" +
         std::to_string(ordinal);
}

std::string address_context(const std::string& unit_code, const std::string& household_code) {
  return std::string(kAddressContext) + "|" + unit_code + "/" + household_code;
}

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

PersonalDataVault::SealedCitizenId PersonalDataVault::check_citizen_id(
    const std::string& normalized) const {
  return {citizen_id_hash_hex(normalized), platform::text::mask_citizen_id(normalized), normalized};
}

std::string PersonalDataVault::citizen_id_hash_hex(const std::string& normalized) const {
  return platform::db::to_hex(platform::crypto::keyed_hash(hash_key_, normalized));
}

std::string PersonalDataVault::seal_citizen_id_hex(const std::string& normalized,
                                                   std::int64_t household_id,
                                                   std::int64_t ordinal) const {
  return platform::db::to_hex(keyring_.seal(normalized, citizen_id_context(household_id, ordinal)));
}

std::string PersonalDataVault::open_citizen_id(const std::string& sealed_hex,
                                               std::int64_t household_id,
                                               std::int64_t ordinal) const {
  try {
    return keyring_.open(platform::db::from_hex(sealed_hex),
                         citizen_id_context(household_id, ordinal), kCitizenIdContext);
  } catch (const std::runtime_error& e) {
    throw platform::Error(platform::ErrorCode::kInternal,
                          "the sealed citizen id of household " + std::to_string(household_id) +
                              " person " + std::to_string(ordinal) +
                              " does not open (moved from another row, altered, or sealed under "
                              "a key not configured): " +
                              e.what());
  }
}

std::string PersonalDataVault::seal_address_hex(const std::string& address,
                                                const std::string& unit_code,
                                                const std::string& household_code) const {
  return platform::db::to_hex(keyring_.seal(address, address_context(unit_code, household_code)));
}

std::string PersonalDataVault::open_address(const std::string& sealed_hex,
                                            const std::string& unit_code,
                                            const std::string& household_code) const {
  try {
    return keyring_.open(platform::db::from_hex(sealed_hex),
                         address_context(unit_code, household_code), kAddressContext);
  } catch (const std::runtime_error& e) {
    throw platform::Error(platform::ErrorCode::kInternal,
                          "the sealed address of household " + unit_code + "/" + household_code +
                              " does not open (moved from another row, altered, or sealed under "
                              "a key not configured): " +
                              e.what());
  }
}

}  // namespace vnn::household_review
