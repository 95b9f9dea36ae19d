#pragma once
// Searching households by name: a pattern that the trigram index (person_name_trgm) can serve,
// so a search cannot make PostgreSQL read every person of the registry.

#include <string_view>

namespace vnn::household_review::rules {

// Letters a name search needs, not counting spaces: pg_trgm serves LIKE '%…%' from three.
inline constexpr int kMinNameSearchLetters = 3;

// INVALID_ARGUMENT on "name_contains" when `text` has fewer than kMinNameSearchLetters
// characters other than spaces.
void require_name_search(std::string_view text);

}  // namespace vnn::household_review::rules
