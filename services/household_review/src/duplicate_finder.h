#pragma once
// Finding households that may be one. The same citizen id anywhere in the registry is a
// duplicate for certain; a similar name — compared without diacritics and spaces, by trigram
// similarity (pg_trgm) — with the same birth year and hamlet is a candidate. Two people with two
// different citizen ids are two people, whatever their names.

#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "vnn/household_review/v1/household_review.pb.h"

namespace vnn::household_review {

// Records candidate pairs between the given (new) households and every other household that is
// not merged away; returns how many pairs are new. Set-based: one statement per rule for any
// number of households. Serialised with every other registration's search (an advisory lock
// held to commit), so concurrent imports of two communes still find their pairs.
std::int64_t record_duplicate_candidates(pqxx::transaction_base& tx,
                                         const std::vector<std::int64_t>& household_ids,
                                         double min_similarity);

struct PersonProbe {
  std::string full_name;
  int birth_year = 0;
  std::string citizen_id_hash_hex;  // empty when unknown
};

// Where a check looks: citizen ids in the households of `visible_units` (nullopt: everywhere),
// names in `hamlet` of `name_units` (the unit checked for and those merged into it).
struct DuplicateSearch {
  std::string hamlet;
  std::vector<std::string> name_units;
  std::optional<std::vector<std::string>> visible_units;
};

// Households that the given persons (not stored) would duplicate, among those the search may
// look at; one match per household, the strongest reason first. Nothing is recorded.
std::vector<v1::DuplicateMatch> find_duplicates(pqxx::transaction_base& tx,
                                                const DuplicateSearch& search,
                                                const std::vector<PersonProbe>& persons,
                                                double min_similarity);

// True while a candidate pair with this household has no decision.
bool has_open_duplicate(pqxx::transaction_base& tx, std::int64_t household_id);

}  // namespace vnn::household_review
