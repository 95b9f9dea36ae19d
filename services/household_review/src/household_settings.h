#pragma once
// The household-review service's own settings (besides the platform's).

#include <map>
#include <string>

namespace CLI {
class App;
}

namespace vnn::household_review {

struct HouseholdSettings {
  // VNN_CITIZEN_ID_HASH_KEY_FILE: key of the hash that finds the same citizen id anywhere.
  std::string citizen_id_hash_key_file;
  // VNN_PERSONAL_DATA_KEY_FILE: the key that sealed citizen ids and addresses before sealed
  // values carried a key id; in the keyring as "k0", and the key of such values.
  std::string personal_data_key_file;
  // VNN_PERSONAL_DATA_KEYS: "kid=<id>,file=<path>;…", more sealing keys (key rotation).
  std::string personal_data_keys_spec;
  // VNN_PERSONAL_DATA_CURRENT_KEY: the key id new values are sealed under (default k0 when only
  // the key file is given).
  std::string personal_data_current_key;
  // Read from the files at start, never logged.
  std::string citizen_id_hash_key;
  std::map<std::string, std::string> personal_data_keys;  // key id → key
  std::string personal_data_legacy_key;                   // "k0" when the key file is given
  // VNN_DUPLICATE_NAME_SIMILARITY: trigram similarity (0–1) from which two names without
  // diacritics, with the same birth year and hamlet, are a duplicate candidate.
  double name_similarity = 0.6;
};

void add_household_options(CLI::App& app, HouseholdSettings& settings);
// The key id of VNN_PERSONAL_DATA_KEY_FILE in the keyring.
inline constexpr const char* kLegacyPersonalDataKeyId = "k0";

// Reads the key files; throws std::invalid_argument with one line when one is missing or short.
void load_household_secrets(HouseholdSettings& settings);

}  // namespace vnn::household_review
