#include "donation_settings.h"

#include <CLI/CLI.hpp>

#include "vnn/platform/crypto/secrets.h"

namespace vnn::donation {

void add_donation_options(CLI::App& app, DonationSettings& settings) {
  app.add_option("--max-donation-dong", settings.max_amount_dong,
                 "largest amount one donation may have, in đồng")
      ->envname("VNN_DONATION_MAX_AMOUNT_DONG")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_option("--donor-id-hash-key-file", settings.citizen_id_hash_key_file,
                 "file with the key (32+ bytes) of the hash that matches donors' citizen ids")
      ->envname("VNN_DONOR_ID_HASH_KEY_FILE");
  app.add_option("--household-review-target", settings.household_review_target,
                 "household-review service (host:port) that direct support is checked against")
      ->envname("VNN_HOUSEHOLD_REVIEW_TARGET");
  app.add_option("--household-review-ca", settings.household_review_ca_file,
                 "CA certificate for TLS to the household-review service")
      ->envname("VNN_HOUSEHOLD_REVIEW_CA");
}

void load_donation_secrets(DonationSettings& settings) {
  settings.citizen_id_hash_key = platform::crypto::read_key_file(
      settings.citizen_id_hash_key_file, "--donor-id-hash-key-file (VNN_DONOR_ID_HASH_KEY_FILE)");
}

}  // namespace vnn::donation
