#pragma once
// Donors: validated, found by any identifier they were recorded with (never created twice),
// and shown with only the personal data the caller's role needs.

#include <optional>
#include <pqxx/pqxx>
#include <string>

#include "vnn/donation/v1/donation.pb.h"
#include "vnn/platform/auth/principal.h"

namespace vnn::donation {

class DonorRegistry {
 public:
  explicit DonorRegistry(std::string citizen_id_hash_key) : key_(std::move(citizen_id_hash_key)) {}

  // Validates `donor` (throws INVALID_ARGUMENT on `field_prefix`.<field>) and returns the id of
  // the donor known by one of its identifiers, or of a new one.
  std::int64_t find_or_create(pqxx::transaction_base& tx, const v1::Donor& donor,
                              const std::string& field_prefix) const;

  // A donor named by no identifier is found by nobody, so each such call creates one: then
  // this validates it as find_or_create would and returns its name, for a batch to insert
  // many at once. Returns nothing for a donor with identifiers (use find_or_create).
  std::optional<std::string> unidentified_name(const v1::Donor& donor,
                                               const std::string& field_prefix) const;

  // The donor as the principal may see it: phones only for roles that need them; citizen ids
  // only ever masked.
  static void load(pqxx::transaction_base& tx, std::int64_t id,
                   const platform::auth::Principal& viewer, v1::Donor* out);

  // HMAC-SHA256 of a normalized citizen id under the service's key (raw bytes).
  std::string citizen_id_hash(const std::string& normalized) const;

 private:
  std::string key_;
};

// Roles that see a donor's phone in full (they contact donors and issue receipts).
bool may_see_donor_contact(const platform::auth::Principal& viewer);

}  // namespace vnn::donation
