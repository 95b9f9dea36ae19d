#include "household_registry.h"

#include <unordered_map>

#include "proto_names.h"
#include "rules/household_validation.h"
#include "vnn/platform/date.h"
#include "vnn/platform/db/arrays.h"

namespace vnn::household_review {
namespace {

using platform::db::bigint_array;
using platform::db::text_array;

rules::PersonInput person_input(const v1::Person& in) {
  return {.full_name = in.full_name(),
          .relation = in.relation(),
          .citizen_id = in.citizen_id(),
          .birth_year = in.birth_year()};
}

rules::HouseholdInput household_input(const v1::Household& in) {
  rules::HouseholdInput out;
  out.household_code = in.household_code();
  out.unit_code = in.unit_code();
  out.hamlet = in.hamlet();
  out.address = in.address();
  out.poverty_status = poverty_status_name(in.poverty_status());
  out.poverty_standard = in.poverty_standard();
  out.classified_year = in.classified_year();
  out.housing = housing_name(in.housing());
  out.meritorious_member = in.meritorious_member();
  out.sudden_hardship = in.sudden_hardship();
  out.vulnerabilities.assign(in.vulnerabilities().begin(), in.vulnerabilities().end());
  if (in.has_head()) out.head = person_input(in.head());
  for (const auto& member : in.members()) out.members.push_back(person_input(member));
  return out;
}

ValidPerson sealed(rules::CheckedPerson&& person, const PersonalDataVault& vault) {
  ValidPerson out;
  out.full_name = std::move(person.full_name);
  out.masked_name = std::move(person.masked_name);
  out.relation = std::move(person.relation);
  out.birth_year = person.birth_year;
  if (person.citizen_id) out.citizen_id = vault.check_citizen_id(*person.citizen_id);
  return out;
}

int this_year() { return platform::Date::today_in_vietnam().year; }

}  // namespace

ValidPerson validate_person(const v1::Person& in, const PersonalDataVault& vault,
                            const std::string& field) {
  return sealed(rules::check_person(person_input(in), field, this_year()), vault);
}

ValidHousehold validate_household(const v1::Household& in, const PersonalDataVault& vault,
                                  const std::string& prefix) {
  auto checked = rules::check_household(household_input(in), prefix, this_year());
  ValidHousehold out;
  out.household_code = std::move(checked.household_code);
  out.unit_code = std::move(checked.unit_code);
  out.hamlet = std::move(checked.hamlet);
  if (!checked.address.empty()) {
    out.address_sealed_hex =
        vault.seal_address_hex(checked.address, out.unit_code, out.household_code);
  }
  out.poverty_status = std::move(checked.poverty_status);
  out.poverty_standard = std::move(checked.poverty_standard);
  out.housing = std::move(checked.housing);
  out.sudden_hardship = std::move(checked.sudden_hardship);
  out.classified_year = checked.classified_year;
  out.meritorious_member = checked.meritorious_member;
  out.vulnerabilities = std::move(checked.vulnerabilities);
  for (auto& person : checked.persons) out.persons.push_back(sealed(std::move(person), vault));
  return out;
}

std::vector<Inserted> insert_households(pqxx::transaction_base& tx, const std::string& unit_code,
                                        const std::vector<ValidHousehold>& households,
                                        const std::string& registered_by,
                                        const PersonalDataVault& vault) {
  if (households.empty()) return {};
  std::vector<std::string> codes, hamlets, addresses, statuses, standards, housings, hardships,
      vulnerabilities, masked;
  std::vector<std::int64_t> years;
  std::string merit = "{";
  for (std::size_t i = 0; i < households.size(); ++i) {
    const auto& h = households[i];
    codes.push_back(h.household_code);
    hamlets.push_back(h.hamlet);
    addresses.push_back(h.address_sealed_hex);
    statuses.push_back(h.poverty_status);
    standards.push_back(h.poverty_standard);
    housings.push_back(h.housing);
    hardships.push_back(h.sudden_hardship);
    // One text per household: unnest() of a text[][] would flatten ragged lists.
    vulnerabilities.push_back(text_array(h.vulnerabilities));
    masked.push_back(h.persons.front().masked_name);
    years.push_back(h.classified_year);
    merit += (i ? "," : "") + std::string(h.meritorious_member ? "t" : "f");
  }
  merit += "}";
  std::vector<Inserted> inserted;
  for (const auto& row :
       tx.exec_prepared("household_insert_batch", unit_code, text_array(codes), text_array(hamlets),
                        text_array(addresses), text_array(statuses), text_array(standards),
                        bigint_array(years), text_array(housings), merit, text_array(hardships),
                        text_array(vulnerabilities), text_array(masked), registered_by)) {
    inserted.push_back({row[0].as<std::int64_t>(), row[1].c_str()});
  }
  if (inserted.empty()) return inserted;

  // Only the households inserted now get persons: an existing code keeps the persons it has.
  std::unordered_map<std::string, std::int64_t> id_of;
  for (const auto& i : inserted) id_of.emplace(i.household_code, i.id);
  std::vector<std::string> relations, names, masked_names, hashes, sealed, masks;
  std::vector<std::int64_t> household_ids, ordinals, births;
  for (const auto& h : households) {
    const auto id = id_of.find(h.household_code);
    if (id == id_of.end()) continue;
    for (std::size_t o = 0; o < h.persons.size(); ++o) {
      const auto& p = h.persons[o];
      household_ids.push_back(id->second);
      ordinals.push_back(static_cast<std::int64_t>(o));
      relations.push_back(p.relation);
      names.push_back(p.full_name);
      masked_names.push_back(p.masked_name);
      births.push_back(p.birth_year);
      hashes.push_back(p.citizen_id ? p.citizen_id->hash_hex : "");
      // Sealed now that its row's natural key (household id, ordinal) is known.
      sealed.push_back(p.citizen_id
                           ? vault.seal_citizen_id_hex(p.citizen_id->normalized, id->second,
                                                       static_cast<std::int64_t>(o))
                           : "");
      masks.push_back(p.citizen_id ? p.citizen_id->masked : "");
    }
  }
  tx.exec_prepared("person_insert_batch", bigint_array(household_ids), bigint_array(ordinals),
                   text_array(relations), text_array(names), text_array(masked_names),
                   bigint_array(births), text_array(hashes), text_array(sealed), text_array(masks));
  return inserted;
}

bool load_household(pqxx::transaction_base& tx, std::int64_t id, Disclosure disclosure,
                    const PersonalDataVault& vault, v1::Household* out) {
  auto rows = tx.exec_prepared("household_get", id);
  if (rows.empty()) return false;
  const auto& r = rows[0];
  out->set_id(id);
  out->set_household_code(r[0].c_str());
  out->set_unit_code(r[1].c_str());
  out->set_hamlet(r[2].c_str());
  if (disclosure != Disclosure::kMasked && !r[3].is_null()) {
    out->set_address(vault.open_address(r[3].c_str(), r[1].c_str(), r[0].c_str()));
  }
  out->set_poverty_status(parse_poverty_status(r[4].c_str()));
  out->set_poverty_standard(r[5].c_str());
  out->set_classified_year(r[6].as<int>());
  out->set_housing(parse_housing(r[7].c_str()));
  out->set_meritorious_member(r[8].as<bool>());
  out->set_sudden_hardship(r[9].c_str());
  auto vulnerabilities = r[10].as_array();
  for (auto item = vulnerabilities.get_next(); item.first != pqxx::array_parser::done;
       item = vulnerabilities.get_next()) {
    if (item.first == pqxx::array_parser::string_value) out->add_vulnerabilities(item.second);
  }
  if (!r[11].is_null()) out->set_merged_into_id(r[11].as<std::int64_t>());
  out->set_escaped_poverty(r[12].as<bool>());
  out->set_registered_by(r[13].c_str());
  out->mutable_registered_at()->set_seconds(r[14].as<std::int64_t>());
  for (const auto& p : tx.exec_prepared("person_list", id)) {
    auto* person = p[0].as<int>() == 0 ? out->mutable_head() : out->add_members();
    person->set_relation(p[1].c_str());
    person->set_full_name(disclosure == Disclosure::kMasked ? p[3].c_str() : p[2].c_str());
    person->set_birth_year(p[4].as<int>());
    if (!p[5].is_null()) {
      person->set_citizen_id(disclosure == Disclosure::kFull
                                 ? vault.open_citizen_id(p[5].c_str(), id, p[0].as<std::int64_t>())
                                 : std::string(p[6].c_str()));
    }
  }
  return true;
}

std::optional<HouseholdSummary> household_summary(pqxx::transaction_base& tx, std::int64_t id) {
  auto rows = tx.exec_prepared("household_summary", id);
  if (rows.empty()) return std::nullopt;
  HouseholdSummary out;
  out.unit_code = rows[0][0].c_str();
  out.masked_name = rows[0][1].c_str();
  out.flags.set_poverty_status(parse_poverty_status(rows[0][2].c_str()));
  out.flags.set_housing(parse_housing(rows[0][3].c_str()));
  out.flags.set_meritorious_member(rows[0][4].as<bool>());
  out.flags.set_sudden_hardship(!std::string_view(rows[0][5].c_str()).empty());
  out.merged = !rows[0][6].is_null();
  return out;
}

}  // namespace vnn::household_review
