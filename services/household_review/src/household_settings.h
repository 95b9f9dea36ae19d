#pragma once
// The household-review service's own settings (besides the platform's).

#include <string>

namespace CLI {
class App;
}

namespace vnn::household_review {

struct HouseholdSettings {
  // VNN_CITIZEN_ID_HASH_KEY_FILE: key of the hash that finds the same citizen id anywhere.
  std::string citizen_id_hash_key_file;
  // VNN_PERSONAL_DATA_KEY_FILE: key that seals citizen ids and addresses at rest.
  std::string personal_data_key_file;
  // Read from the files at start, never logged.
  std::string citizen_id_hash_key;
  std::string personal_data_key;
  // VNN_DUPLICATE_NAME_SIMILARITY: trigram similarity (0–1) from which two names without
  // diacritics, with the same birth year and hamlet, are a duplicate candidate.
  double name_similarity = 0.6;
};

void add_household_options(CLI::App& app, HouseholdSettings& settings);
// Reads the key files; throws std::invalid_argument with one line when one is missing or short.
void load_household_secrets(HouseholdSettings& settings);

}  // namespace vnn::household_review
