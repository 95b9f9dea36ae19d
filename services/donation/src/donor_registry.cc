#include "donor_registry.h"

#include "proto_names.h"
#include "rules/donor_identity.h"
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
  const std::string kind = donor_kind_name(donor.kind());
  const std::optional<std::string>& tax_code = ids.tax_code;
  const std::optional<std::string>& citizen_id = ids.citizen_id;
  const std::optional<std::string>& phone = ids.phone;
  // libpqxx 6.4 takes no null binary parameter: the hash travels as hex (NULL when absent).
  std::optional<std::string> hash;
  if (citizen_id) hash = platform::db::to_hex(citizen_id_hash(*citizen_id));
  const char* tax_param = tax_code ? tax_code->c_str() : nullptr;
  const char* hash_param = hash ? hash->c_str() : nullptr;

  // The donor on file that this request names, if any. A tax code or citizen id on file for
  // another name or kind is refused, not resolved to that donor; with neither, a phone finds
  // a donor of the same kind and name only.
  const auto find = [&]() -> std::optional<std::int64_t> {
    if (shape.anonymous) return std::nullopt;
    if (tax_code || hash) {
      std::optional<std::int64_t> found;
      for (const auto& row : tx.exec_prepared("donor_find_identified", tax_param, hash_param)) {
        const std::string field = prefix + (row[3].as<bool>() ? ".tax_code" : ".citizen_id");
        const auto id = row[0].as<std::int64_t>();
        // Two identifiers held by two different donors name nobody for certain.
        if (!rules::same_donor(row[1].c_str(), row[2].c_str(), kind, name) ||
            (found && *found != id)) {
          throw rules::donor_identifier_conflict(field);
        }
        found = id;
      }
      return found;
    }
    if (phone) {
      for (const auto& row : tx.exec_prepared("donor_find_by_phone", phone->c_str())) {
        if (rules::same_donor(row[1].c_str(), row[2].c_str(), kind, name)) {
          return row[0].as<std::int64_t>();
        }
      }
    }
    return std::nullopt;
  };

  if (auto found = find()) return *found;
  auto created =
      tx.exec_prepared("donor_insert", kind, name, tax_param, hash_param,
                       citizen_id ? platform::text::mask_citizen_id(*citizen_id).c_str() : nullptr,
                       phone ? phone->c_str() : nullptr);
  if (!created.empty()) return created[0][0].as<std::int64_t>();
  // A concurrent call created a donor with this tax code or citizen id first: read it back
  // (and refuse it as above if it is not the donor named).
  if (auto found = find()) return *found;
  throw platform::Error(platform::ErrorCode::kAborted, "donor changed; retry");
}

void DonorRegistry::load_as_given(pqxx::transaction_base& tx, std::int64_t id,
                                  const platform::auth::Principal& viewer, const v1::Donor& given,
                                  v1::Donor* out) {
  const auto row = tx.exec_prepared1("donor_get", id);
  fill(row, id, viewer, out);
  // The identifiers on file that the caller did not give stay on file: a caller who named the
  // donor by one identifier learns no other (nor a different phone) from the answer.
  if (given.tax_code().empty()) out->clear_tax_code();
  if (given.citizen_id().empty()) out->clear_citizen_id();
  const auto phone = platform::text::normalize_phone(given.phone());
  if (!phone || row[4].is_null() || *phone != row[4].c_str()) out->clear_phone();
}

void DonorRegistry::load(pqxx::transaction_base& tx, std::int64_t id,
                         const platform::auth::Principal& viewer, v1::Donor* out) {
  fill(tx.exec_prepared1("donor_get", id), id, viewer, out);
}

void DonorRegistry::fill(const pqxx::row& row, std::int64_t id,
                         const platform::auth::Principal& viewer, v1::Donor* out) {
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
