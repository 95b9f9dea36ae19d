#include "donor_registry.h"

#include "proto_names.h"
#include "rules/donor_shape.h"
#include "vnn/platform/crypto/secrets.h"
#include "vnn/platform/db/arrays.h"
#include "vnn/platform/errors.h"
#include "vnn/platform/text/identifiers.h"
#include "vnn/platform/text/text.h"

namespace vnn::donation {
namespace {

rules::DonorShape donor_shape(const v1::Donor& donor) {
  return {.kind_given =
              donor.kind() != v1::DONOR_KIND_UNSPECIFIED && v1::DonorKind_IsValid(donor.kind()),
          .anonymous = donor.kind() == v1::DONOR_KIND_ANONYMOUS,
          .name = donor.name(),
          .tax_code = donor.tax_code(),
          .citizen_id = donor.citizen_id(),
          .phone = donor.phone()};
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
  const rules::DonorShape shape = donor_shape(donor);
  if (shape.has_identifiers()) return std::nullopt;
  rules::check_donor_name(shape, prefix);
  return donor.name();
}

std::int64_t DonorRegistry::find_or_create(pqxx::transaction_base& tx, const v1::Donor& donor,
                                           const std::string& prefix) const {
  const rules::DonorShape shape = donor_shape(donor);
  const rules::DonorIdentifiers ids = rules::check_donor(shape, prefix);
  const std::string& name = donor.name();
  const bool anonymous = shape.anonymous;
  const std::optional<std::string>& tax_code = ids.tax_code;
  const std::optional<std::string>& citizen_id = ids.citizen_id;
  const std::optional<std::string>& phone = ids.phone;
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
