#include "household_settings.h"

#include <CLI/CLI.hpp>

#include "vnn/platform/crypto/secrets.h"

namespace vnn::household_review {

void add_household_options(CLI::App& app, HouseholdSettings& settings) {
  app.add_option("--citizen-id-hash-key-file", settings.citizen_id_hash_key_file,
                 "file with the key (32+ bytes) of the hash that matches citizen ids")
      ->envname("VNN_CITIZEN_ID_HASH_KEY_FILE");
  app.add_option("--personal-data-key-file", settings.personal_data_key_file,
                 "file with the key (32+ bytes) that encrypts citizen ids and addresses (key id "
                 "k0; opens values sealed before key ids)")
      ->envname("VNN_PERSONAL_DATA_KEY_FILE");
  app.add_option("--personal-data-keys", settings.personal_data_keys_spec,
                 "more sealing keys, kid=<id>,file=<path>;… (key rotation)")
      ->envname("VNN_PERSONAL_DATA_KEYS");
  app.add_option("--personal-data-current-key", settings.personal_data_current_key,
                 "key id new values are sealed under (default k0)")
      ->envname("VNN_PERSONAL_DATA_CURRENT_KEY");
  app.add_option("--duplicate-name-similarity", settings.name_similarity,
                 "trigram similarity from which similar names are duplicate candidates")
      ->envname("VNN_DUPLICATE_NAME_SIMILARITY")
      ->check(CLI::Range(0.1, 1.0))
      ->capture_default_str();
}

void load_household_secrets(HouseholdSettings& settings) {
  settings.citizen_id_hash_key =
      platform::crypto::read_key_file(settings.citizen_id_hash_key_file,
                                      "--citizen-id-hash-key-file (VNN_CITIZEN_ID_HASH_KEY_FILE)");
  settings.personal_data_keys = platform::crypto::read_keyring_spec(
      settings.personal_data_keys_spec, "--personal-data-keys (VNN_PERSONAL_DATA_KEYS)");
  if (!settings.personal_data_key_file.empty()) {
    if (settings.personal_data_keys.count(kLegacyPersonalDataKeyId) != 0) {
      throw std::invalid_argument(
          "--personal-data-keys: key id k0 is the one of --personal-data-key-file");
    }
    settings.personal_data_keys[kLegacyPersonalDataKeyId] = platform::crypto::read_key_file(
        settings.personal_data_key_file, "--personal-data-key-file (VNN_PERSONAL_DATA_KEY_FILE)");
    settings.personal_data_legacy_key = kLegacyPersonalDataKeyId;
  }
  if (settings.personal_data_keys.empty()) {
    throw std::invalid_argument(
        "--personal-data-key-file (VNN_PERSONAL_DATA_KEY_FILE) or --personal-data-keys "
        "(VNN_PERSONAL_DATA_KEYS) is required");
  }
  if (settings.personal_data_current_key.empty()) {
    if (settings.personal_data_keys.size() != 1 || settings.personal_data_legacy_key.empty()) {
      throw std::invalid_argument(
          "--personal-data-current-key (VNN_PERSONAL_DATA_CURRENT_KEY) is required with "
          "--personal-data-keys");
    }
    settings.personal_data_current_key = kLegacyPersonalDataKeyId;
  }
  if (settings.personal_data_keys.count(settings.personal_data_current_key) == 0) {
    throw std::invalid_argument("--personal-data-current-key: no key '" +
                                settings.personal_data_current_key + "' is configured");
  }
  for (const auto& [id, key] : settings.personal_data_keys) {
    if (key == settings.citizen_id_hash_key) {
      throw std::invalid_argument("personal data key " + id +
                                  " and --citizen-id-hash-key-file must hold different keys");
    }
  }
}

}  // namespace vnn::household_review
