#include "donor_registry.h"

#include "proto_names.h"
#include "vnn/platform/crypto/secrets.h"
#include "vnn/platform/db/arrays.h"
#include "vnn/platform/errors.h"
#include "vnn/platform/text/identifiers.h"
#include "vnn/platform/text/text.h"

namespace vnn::donation {
namespace {

constexpr std::size_t kMaxNameChars = 200;

std::string check_name(const v1::Donor& donor, const std::string& field) {
  const bool anonymous = donor.kind() == v1::DONOR_KIND_ANONYMOUS;
  platform::text::require_text(donor.name(), field, kMaxNameChars, !anonymous);
  return donor.name();
}

}  // namespace

bool may_see_donor_contact(const platform::auth::Principal& viewer) {
  using platform::auth::Role;
  return viewer.role == Role::kDistrictOffice || viewer.role == Role::kCommuneOfficer ||
         viewer.role == Role::kAuditor;
}

std::string DonorRegistry::citizen_id_hash(const std::string& normalized) const {
  return platform::crypto::keyed_hash(key_, normalized);
}

std::optional<std::string> DonorRegistry::unidentified_name(const v1::Donor& donor,
                                                            const std::string& prefix) const {
  if (!donor.tax_code().empty() || !donor.citizen_id().empty() || !donor.phone().empty()) {
    return std::nullopt;
  }
  if (donor.kind() == v1::DONOR_KIND_UNSPECIFIED || !v1::DonorKind_IsValid(donor.kind())) {
    throw platform::invalid_argument(prefix + ".kind", "is required");
  }
  return check_name(donor, prefix + ".name");
}

std::int64_t DonorRegistry::find_or_create(pqxx::transaction_base& tx, const v1::Donor& donor,
                                           const std::string& prefix) const {
  if (donor.kind() == v1::DONOR_KIND_UNSPECIFIED || !v1::DonorKind_IsValid(donor.kind())) {
    throw platform::invalid_argument(prefix + ".kind", "is required");
  }
  const std::string name = check_name(donor, prefix + ".name");
  const bool anonymous = donor.kind() == v1::DONOR_KIND_ANONYMOUS;
  if (anonymous &&
      (!donor.tax_code().empty() || !donor.citizen_id().empty() || !donor.phone().empty())) {
    throw platform::invalid_argument(prefix, "an anonymous donor carries no identifiers");
  }
  std::optional<std::string> tax_code, citizen_id, phone;
  if (!donor.tax_code().empty()) {
    tax_code = platform::text::normalize_tax_code(donor.tax_code());
    if (!tax_code)
      throw platform::invalid_argument(prefix + ".tax_code", "is not a valid tax code");
  }
  if (!donor.citizen_id().empty()) {
    citizen_id = platform::text::normalize_citizen_id(donor.citizen_id());
    if (!citizen_id) {
      throw platform::invalid_argument(prefix + ".citizen_id",
                                       "is not a valid 12-digit citizen id");
    }
  }
  if (!donor.phone().empty()) {
    phone = platform::text::normalize_phone(donor.phone());
    if (!phone) throw platform::invalid_argument(prefix + ".phone", "is not a valid mobile number");
  }
  // libpqxx 6.4 takes no null binary parameter: the hash travels as hex (NULL when absent).
  std::optional<std::string> hash;
  if (citizen_id) hash = platform::db::to_hex(citizen_id_hash(*citizen_id));
  const char* hash_param = hash ? hash->c_str() : nullptr;

  if (!anonymous && (tax_code || hash || phone)) {
    // Known by any identifier: the same donor, not a new one.
    auto found = tx.exec_prepared("donor_find", tax_code ? tax_code->c_str() : nullptr, hash_param,
                                  phone ? phone->c_str() : nullptr);
    if (!found.empty()) return found[0][0].as<std::int64_t>();
  }
  auto created = tx.exec_prepared(
      "donor_insert", donor_kind_name(donor.kind()), name, tax_code ? tax_code->c_str() : nullptr,
      hash_param, citizen_id ? platform::text::mask_citizen_id(*citizen_id).c_str() : nullptr,
      phone ? phone->c_str() : nullptr);
  if (!created.empty()) return created[0][0].as<std::int64_t>();
  // A concurrent call created it first: read it back.
  auto found = tx.exec_prepared("donor_find", tax_code ? tax_code->c_str() : nullptr, hash_param,
                                phone ? phone->c_str() : nullptr);
  if (found.empty()) throw platform::Error(platform::ErrorCode::kAborted, "donor changed; retry");
  return found[0][0].as<std::int64_t>();
}

void DonorRegistry::load(pqxx::transaction_base& tx, std::int64_t id,
                         const platform::auth::Principal& viewer, v1::Donor* out) {
  auto row = tx.exec_prepared1("donor_get", id);
  out->set_id(id);
  out->set_kind(parse_donor_kind(row[0].c_str()));
  out->set_name(row[1].c_str());
  if (!row[2].is_null()) out->set_tax_code(row[2].c_str());
  if (!row[3].is_null()) out->set_citizen_id(row[3].c_str());  // already masked
  if (!row[4].is_null()) {
    out->set_phone(may_see_donor_contact(viewer) ? row[4].c_str()
                                                 : platform::text::mask_phone(row[4].c_str()));
  }
}

}  // namespace vnn::donation
