#pragma once
// Personal data that must be matched but never stored in clear (Decree 13/2023/NĐ-CP): a keyed
// hash to find equal values, and authenticated encryption to keep the value itself for the few
// who may read it. Keys come from files named in configuration, never from the command line.

#include <string>
#include <string_view>

namespace vnn::platform::crypto {

// Reads a key file (trailing newlines dropped). Throws std::invalid_argument naming `setting`
// when it is missing, unreadable or shorter than `min_bytes`: the caller stops with exit code 2.
std::string read_key_file(const std::string& path, const std::string& setting,
                          std::size_t min_bytes = 32);

// HMAC-SHA256 of `value` under `key`, as raw bytes: equal values give equal hashes, and without
// the key a hash cannot be tested against the small space of valid citizen ids.
std::string keyed_hash(std::string_view key, std::string_view value);

// AES-256-GCM with a random 96-bit nonce. The key is any secret of 32+ bytes (SHA-256 of it is
// the cipher key). Output: nonce ‖ ciphertext ‖ tag. `context` is authenticated, not stored:
// a value sealed for one row cannot be moved to another without failing to open.
class Sealer {
 public:
  explicit Sealer(std::string_view secret);
  std::string seal(std::string_view plaintext, std::string_view context) const;
  // Throws std::runtime_error when the value was altered, moved or sealed under another key.
  std::string open(std::string_view sealed, std::string_view context) const;

 private:
  std::string key_;  // 32 bytes
};

}  // namespace vnn::platform::crypto
