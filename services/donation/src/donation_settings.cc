#include "donation_settings.h"

#include <CLI/CLI.hpp>
#include <fstream>
#include <stdexcept>

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
}

void load_donation_secrets(DonationSettings& settings) {
  if (settings.citizen_id_hash_key_file.empty()) {
    throw std::invalid_argument(
        "--donor-id-hash-key-file (VNN_DONOR_ID_HASH_KEY_FILE) is required");
  }
  std::ifstream in(settings.citizen_id_hash_key_file, std::ios::binary);
  if (!in) throw std::invalid_argument("cannot read --donor-id-hash-key-file");
  settings.citizen_id_hash_key.assign(std::istreambuf_iterator<char>(in), {});
  while (!settings.citizen_id_hash_key.empty() && (settings.citizen_id_hash_key.back() == '\n' ||
                                                   settings.citizen_id_hash_key.back() == '\r')) {
    settings.citizen_id_hash_key.pop_back();
  }
  if (settings.citizen_id_hash_key.size() < 32) {
    throw std::invalid_argument("--donor-id-hash-key-file must hold at least 32 bytes");
  }
}

}  // namespace vnn::donation
