#pragma once
// Personal data that must be matched but never stored in clear (Decree 13/2023/NĐ-CP): a keyed
// hash to find equal values, and authenticated encryption to keep the value itself for the few
// who may read it. Keys come from files named in configuration, never from the command line.

#include <map>
#include <memory>
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
// a value sealed under a context naming its row and field (Keyring callers pass one) cannot be
// moved to another row or field without failing to open.
class Sealer {
 public:
  explicit Sealer(std::string_view secret);
  std::string seal(std::string_view plaintext, std::string_view context) const;
  // Throws std::runtime_error when the value was altered, moved or sealed under another key.
  std::string open(std::string_view sealed, std::string_view context) const;

 private:
  std::string key_;  // 32 bytes
};

// Several sealing keys by id, one of them current: what key rotation needs. A value is sealed
// under the current key and carries its id:
//   "vnk1" ‖ one byte n ‖ n bytes of key id ‖ Sealer output
// so it opens under whichever key of the ring sealed it. Values sealed before key ids existed
// (bare Sealer output) open under the ring's legacy key, with the context they were sealed
// under then; a re-seal pass converts them.
class Keyring {
 public:
  // `secrets`: key id → secret (32+ bytes); ids are 1–64 of [A-Za-z0-9._-]. `current` must be
  // one of them. `legacy`: the id whose key opens values without a key id; empty: none do.
  // Throws std::invalid_argument naming what is wrong.
  Keyring(const std::map<std::string, std::string>& secrets, std::string current,
          std::string legacy = {});

  const std::string& current() const { return current_; }
  std::string seal(std::string_view plaintext, std::string_view context) const;
  // Throws std::runtime_error when the value was altered, moved to another row or field, or
  // sealed under a key the ring does not hold. `legacy_context`: the context a value without a
  // key id was sealed under.
  std::string open(std::string_view sealed, std::string_view context,
                   std::string_view legacy_context) const;
  // The key id a sealed value names; empty for a value sealed before key ids.
  static std::string key_id_of(std::string_view sealed);

 private:
  std::map<std::string, std::unique_ptr<Sealer>, std::less<>> sealers_;
  std::string current_;
  std::string legacy_;
};

// Parses "kid=<id>,file=<path>;…" (the form of VNN_PERSONAL_DATA_KEYS) and reads each file
// (read_key_file); throws std::invalid_argument naming `setting`.
std::map<std::string, std::string> read_keyring_spec(const std::string& spec,
                                                     const std::string& setting);

}  // namespace vnn::platform::crypto
