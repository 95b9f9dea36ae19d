#pragma once
// Donors: validated, found again by a tax code or citizen id they were recorded with when the
// kind and name agree too, or by a phone with the same kind and name (rules/donor_identity.h),
// never created twice for one tax code or citizen id, and shown with only the personal data the
// caller's role needs.

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
  // the donor it names (rules/donor_identity.h), or of a new one. FAILED_PRECONDITION
  // (DONOR_IDENTIFIER_CONFLICT) on `field_prefix`.tax_code or .citizen_id when that identifier
  // is on file for a donor of another name or kind.
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

  // As load(), for the caller who just recorded a gift or pledge naming the donor `given`: no
  // identifier on file that the caller did not give (nor a phone other than the one given).
  static void load_as_given(pqxx::transaction_base& tx, std::int64_t id,
                            const platform::auth::Principal& viewer, const v1::Donor& given,
                            v1::Donor* out);

  // HMAC-SHA256 of a normalized citizen id under the service's key (raw bytes).
  std::string citizen_id_hash(const std::string& normalized) const;

 private:
  // From a donor_get row.
  static void fill(const pqxx::row& row, std::int64_t id, const platform::auth::Principal& viewer,
                   v1::Donor* out);

  std::string key_;
};

// Roles that see a donor's phone in full (they contact donors and issue receipts).
bool may_see_donor_contact(const platform::auth::Principal& viewer);

}  // namespace vnn::donation
