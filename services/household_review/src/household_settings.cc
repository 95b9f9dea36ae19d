#include "household_settings.h"

#include <CLI/CLI.hpp>

#include "vnn/platform/crypto/secrets.h"

namespace vnn::household_review {

void add_household_options(CLI::App& app, HouseholdSettings& settings) {
  app.add_option("--citizen-id-hash-key-file", settings.citizen_id_hash_key_file,
                 "file with the key (32+ bytes) of the hash that matches citizen ids")
      ->envname("VNN_CITIZEN_ID_HASH_KEY_FILE");
  app.add_option("--personal-data-key-file", settings.personal_data_key_file,
                 "file with the key (32+ bytes) that encrypts citizen ids and addresses")
      ->envname("VNN_PERSONAL_DATA_KEY_FILE");
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
  settings.personal_data_key = platform::crypto::read_key_file(
      settings.personal_data_key_file, "--personal-data-key-file (VNN_PERSONAL_DATA_KEY_FILE)");
  if (settings.personal_data_key == settings.citizen_id_hash_key) {
    throw std::invalid_argument(
        "--personal-data-key-file and --citizen-id-hash-key-file must hold different keys");
  }
}

}  // namespace vnn::household_review
