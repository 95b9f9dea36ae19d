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
  // Direct support asks household review whether a household exists and is eligible; the
  // service token says so and allows nothing else there.
  settings.household_review.methods = {"GetEligibility"};
  platform::rpc::add_outgoing_options(app, settings.household_review, "household-review",
                                      "household review service that direct support is checked "
                                      "against");
}

void load_donation_secrets(DonationSettings& settings) {
  settings.citizen_id_hash_key = platform::crypto::read_key_file(
      settings.citizen_id_hash_key_file, "--donor-id-hash-key-file (VNN_DONOR_ID_HASH_KEY_FILE)");
  platform::rpc::validate_outgoing_settings(settings.household_review, "household-review");
}

}  // namespace vnn::donation
