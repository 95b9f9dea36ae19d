#include "reseal.h"

#include <pqxx/pqxx>
#include <vector>

#include "personal_data.h"
#include "vnn/platform/db/arrays.h"
#include "vnn/platform/log.h"

namespace vnn::household_review {
namespace {

using platform::db::bigint_array;
using platform::db::text_array;

bool under_current_key(const PersonalDataVault& vault, const std::string& sealed_hex) {
  return platform::crypto::Keyring::key_id_of(platform::db::from_hex(sealed_hex)) ==
         vault.keyring().current();
}

// One batch of persons after `after`; the last id seen, or 0 when there were none.
std::int64_t reseal_persons(pqxx::connection& c, const PersonalDataVault& vault, std::int64_t after,
                            std::int64_t after_household_id, int batch_size, ResealCounts& counts) {
  pqxx::work tx(c);
  std::int64_t last = 0;
  std::vector<std::int64_t> ids;
  std::vector<std::string> sealed;
  for (const auto& r : tx.exec_params(
           "SELECT id, household_id, ordinal, encode(citizen_sealed, 'hex') FROM person "
           "WHERE id > $1 AND household_id > $3 AND citizen_sealed IS NOT NULL ORDER BY id "
           "LIMIT $2 FOR UPDATE",
           after, batch_size, after_household_id)) {
    last = r[0].as<std::int64_t>();
    const std::string hex = r[3].c_str();
    if (under_current_key(vault, hex)) {
      ++counts.already_current;
      continue;
    }
    const auto household_id = r[1].as<std::int64_t>();
    const auto ordinal = r[2].as<std::int64_t>();
    const std::string plain = vault.open_citizen_id(hex, household_id, ordinal);
    ids.push_back(last);
    sealed.push_back(vault.seal_citizen_id_hex(plain, household_id, ordinal));
  }
  if (!ids.empty()) {
    tx.exec_params(
        "UPDATE person p SET citizen_sealed = decode(u.sealed, 'hex') FROM unnest($1::bigint[], "
        "$2::text[]) AS u(id, sealed) WHERE p.id = u.id",
        bigint_array(ids), text_array(sealed));
    counts.citizen_ids_resealed += static_cast<std::int64_t>(ids.size());
  }
  tx.commit();
  return last;
}

std::int64_t reseal_addresses(pqxx::connection& c, const PersonalDataVault& vault,
                              std::int64_t after, int batch_size, ResealCounts& counts) {
  pqxx::work tx(c);
  std::int64_t last = 0;
  std::vector<std::int64_t> ids;
  std::vector<std::string> sealed;
  for (const auto& r : tx.exec_params(
           "SELECT id, unit_code, household_code, encode(address_sealed, 'hex') FROM household "
           "WHERE id > $1 AND address_sealed IS NOT NULL ORDER BY id LIMIT $2 FOR UPDATE",
           after, batch_size)) {
    last = r[0].as<std::int64_t>();
    const std::string hex = r[3].c_str();
    if (under_current_key(vault, hex)) {
      ++counts.already_current;
      continue;
    }
    const std::string unit_code = r[1].c_str();
    const std::string household_code = r[2].c_str();
    const std::string plain = vault.open_address(hex, unit_code, household_code);
    ids.push_back(last);
    sealed.push_back(vault.seal_address_hex(plain, unit_code, household_code));
  }
  if (!ids.empty()) {
    tx.exec_params(
        "UPDATE household h SET address_sealed = decode(u.sealed, 'hex') FROM "
        "unnest($1::bigint[], $2::text[]) AS u(id, sealed) WHERE h.id = u.id",
        bigint_array(ids), text_array(sealed));
    counts.addresses_resealed += static_cast<std::int64_t>(ids.size());
  }
  tx.commit();
  return last;
}

}  // namespace

ResealCounts reseal_personal_data(const std::string& dsn, const std::string& schema,
                                  const HouseholdSettings& settings, int batch_size,
                                  std::int64_t after_household_id) {
  const PersonalDataVault vault(settings);
  pqxx::connection c(dsn);
  c.set_variable("search_path", c.quote_name(schema));
  ResealCounts counts;
  for (std::int64_t after = 0;;) {
    after = reseal_persons(c, vault, after, after_household_id, batch_size, counts);
    if (after == 0) break;
  }
  for (std::int64_t after = after_household_id;;) {
    after = reseal_addresses(c, vault, after, batch_size, counts);
    if (after == 0) break;
  }
  platform::log::info("personal data resealed", {{"key", vault.keyring().current()},
                                                 {"citizen_ids", counts.citizen_ids_resealed},
                                                 {"addresses", counts.addresses_resealed},
                                                 {"already_current", counts.already_current}});
  return counts;
}

}  // namespace vnn::household_review
