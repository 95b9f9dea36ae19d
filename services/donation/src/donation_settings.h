#pragma once
// The donation service's own settings (besides the platform's).

#include <cstdint>
#include <string>

#include "vnn/platform/rpc/outgoing_client.h"

namespace CLI {
class App;
}

namespace vnn::donation {

struct DonationSettings {
  // VNN_DONATION_MAX_AMOUNT_DONG: larger amounts are refused as absurd (a typo adding zeros).
  std::int64_t max_amount_dong = 100'000'000'000;  // 100 tỷ đồng
  // VNN_DONOR_ID_HASH_KEY_FILE: the key of the hash that matches donors' citizen ids.
  std::string citizen_id_hash_key_file;
  std::string citizen_id_hash_key;  // read from the file at start, never logged
  // VNN_HOUSEHOLD_REVIEW_TARGET, _CA, _CERT, _KEY, _DEADLINE_MS: where direct support to a
  // household is checked, and how (plaintext only for local use).
  platform::rpc::OutgoingSettings household_review;
};

void add_donation_options(CLI::App& app, DonationSettings& settings);
// Reads the key file; throws std::invalid_argument with one line when it is missing or short.
void load_donation_secrets(DonationSettings& settings);

}  // namespace vnn::donation
