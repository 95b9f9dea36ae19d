#include "duplicate_finder.h"

#include <map>

#include "proto_names.h"
#include "vnn/platform/db/arrays.h"

namespace vnn::household_review {

std::int64_t record_duplicate_candidates(pqxx::transaction_base& tx,
                                         const std::vector<std::int64_t>& household_ids,
                                         double min_similarity) {
  if (household_ids.empty()) return 0;
  // Two communes registering the same family at the same moment would each search before the
  // other committed, and neither would find the pair. One search at a time: the lock is held
  // until this transaction commits, and the next search's statements (read committed) see the
  // households it wrote.
  tx.exec("SELECT pg_advisory_xact_lock(hashtext('household_review.duplicate_search'))");
  const auto ids = platform::db::bigint_array(household_ids);
  // Exact matches first: a pair found both ways keeps the stronger reason.
  auto exact = tx.exec_prepared("duplicate_record_citizen_id", ids);
  auto similar = tx.exec_prepared("duplicate_record_similar_name", ids, min_similarity);
  return exact[0][0].as<std::int64_t>() + similar[0][0].as<std::int64_t>();
}

std::vector<v1::DuplicateMatch> find_duplicates(pqxx::transaction_base& tx,
                                                const DuplicateSearch& search,
                                                const std::vector<PersonProbe>& persons,
                                                double min_similarity) {
  std::vector<std::string> names, hashes;
  std::vector<std::int64_t> years;
  for (const auto& p : persons) {
    names.push_back(p.full_name);
    years.push_back(p.birth_year);
    hashes.push_back(p.citizen_id_hash_hex);
  }
  std::map<std::int64_t, v1::DuplicateMatch> best;
  for (const auto& row : tx.exec_prepared(
           "duplicate_find", platform::db::text_array(hashes), platform::db::text_array(names),
           platform::db::bigint_array(years), search.hamlet, min_similarity,
           !search.visible_units.has_value(),
           platform::db::text_array(search.visible_units.value_or(std::vector<std::string>{})),
           platform::db::text_array(search.name_units))) {
    v1::DuplicateMatch match;
    match.set_household_id(row[0].as<std::int64_t>());
    match.set_unit_code(row[1].c_str());
    match.set_reason(parse_duplicate_reason(row[2].c_str()));
    match.set_similarity(row[3].as<double>());
    match.set_masked_name(row[4].c_str());
    auto [it, fresh] = best.try_emplace(match.household_id(), match);
    const bool stronger = match.reason() == v1::DUPLICATE_REASON_CITIZEN_ID &&
                          it->second.reason() != v1::DUPLICATE_REASON_CITIZEN_ID;
    if (!fresh && (stronger || (match.reason() == it->second.reason() &&
                                match.similarity() > it->second.similarity()))) {
      it->second = match;
    }
  }
  std::vector<v1::DuplicateMatch> out;
  for (auto& [id, match] : best) out.push_back(std::move(match));
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    if (a.reason() != b.reason()) return a.reason() == v1::DUPLICATE_REASON_CITIZEN_ID;
    return a.similarity() > b.similarity();
  });
  return out;
}

bool has_open_duplicate(pqxx::transaction_base& tx, std::int64_t household_id) {
  return !tx.exec_prepared("duplicate_open_of", household_id).empty();
}

}  // namespace vnn::household_review
