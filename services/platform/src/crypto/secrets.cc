#include "vnn/platform/crypto/secrets.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include <fstream>
#include <iterator>
#include <memory>
#include <optional>
#include <stdexcept>

namespace vnn::platform::crypto {
namespace {

constexpr int kNonceBytes = 12;
constexpr int kTagBytes = 16;

using CipherContext = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

const unsigned char* bytes(std::string_view text) {
  return reinterpret_cast<const unsigned char*>(text.data());
}
unsigned char* bytes(std::string& text) { return reinterpret_cast<unsigned char*>(text.data()); }

CipherContext new_context() {
  CipherContext context(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
  if (!context) throw std::runtime_error("cannot allocate a cipher context");
  return context;
}

}  // namespace

std::string read_key_file(const std::string& path, const std::string& setting,
                          std::size_t min_bytes) {
  if (path.empty()) throw std::invalid_argument(setting + " is required");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::invalid_argument("cannot read " + setting);
  std::string key(std::istreambuf_iterator<char>(in), {});
  while (!key.empty() && (key.back() == '\n' || key.back() == '\r')) key.pop_back();
  if (key.size() < min_bytes) {
    throw std::invalid_argument(setting + " must hold at least " + std::to_string(min_bytes) +
                                " bytes");
  }
  return key;
}

std::string keyed_hash(std::string_view key, std::string_view value) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), bytes(value), value.size(), digest,
       &length);
  return std::string(reinterpret_cast<const char*>(digest), length);
}

Sealer::Sealer(std::string_view secret) : key_(SHA256_DIGEST_LENGTH, '\0') {
  SHA256(bytes(secret), secret.size(), bytes(key_));
}

std::string Sealer::seal(std::string_view plaintext, std::string_view context) const {
  std::string out(kNonceBytes + plaintext.size() + kTagBytes, '\0');
  if (RAND_bytes(bytes(out), kNonceBytes) != 1) throw std::runtime_error("no random bytes");
  auto cipher = new_context();
  int length = 0;
  if (EVP_EncryptInit_ex(cipher.get(), EVP_aes_256_gcm(), nullptr, bytes(key_), bytes(out)) != 1 ||
      EVP_EncryptUpdate(cipher.get(), nullptr, &length, bytes(context),
                        static_cast<int>(context.size())) != 1 ||
      EVP_EncryptUpdate(cipher.get(), bytes(out) + kNonceBytes, &length, bytes(plaintext),
                        static_cast<int>(plaintext.size())) != 1 ||
      EVP_EncryptFinal_ex(cipher.get(), bytes(out) + kNonceBytes + length, &length) != 1 ||
      EVP_CIPHER_CTX_ctrl(cipher.get(), EVP_CTRL_GCM_GET_TAG, kTagBytes,
                          bytes(out) + kNonceBytes + plaintext.size()) != 1) {
    throw std::runtime_error("encryption failed");
  }
  return out;
}

std::string Sealer::open(std::string_view sealed, std::string_view context) const {
  if (sealed.size() < static_cast<std::size_t>(kNonceBytes + kTagBytes)) {
    throw std::runtime_error("sealed value is too short");
  }
  const std::size_t text_size = sealed.size() - kNonceBytes - kTagBytes;
  std::string out(text_size, '\0');
  std::string tag(sealed.substr(kNonceBytes + text_size));
  auto cipher = new_context();
  int length = 0;
  if (EVP_DecryptInit_ex(cipher.get(), EVP_aes_256_gcm(), nullptr, bytes(key_), bytes(sealed)) !=
          1 ||
      EVP_DecryptUpdate(cipher.get(), nullptr, &length, bytes(context),
                        static_cast<int>(context.size())) != 1 ||
      EVP_DecryptUpdate(cipher.get(), bytes(out), &length, bytes(sealed) + kNonceBytes,
                        static_cast<int>(text_size)) != 1 ||
      EVP_CIPHER_CTX_ctrl(cipher.get(), EVP_CTRL_GCM_SET_TAG, kTagBytes, tag.data()) != 1 ||
      EVP_DecryptFinal_ex(cipher.get(), bytes(out) + length, &length) != 1) {
    throw std::runtime_error("sealed value does not open under this key");
  }
  return out;
}

namespace {

constexpr std::string_view kKeyIdMagic = "vnk1";

bool valid_key_id(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

// The key id and the Sealer output of a value that carries one; nullopt for a bare value.
struct Tagged {
  std::string_view key_id;
  std::string_view body;
};
std::optional<Tagged> tagged(std::string_view sealed) {
  if (!sealed.starts_with(kKeyIdMagic) || sealed.size() < kKeyIdMagic.size() + 1) {
    return std::nullopt;
  }
  const auto length = static_cast<unsigned char>(sealed[kKeyIdMagic.size()]);
  const std::size_t start = kKeyIdMagic.size() + 1;
  if (sealed.size() < start + length + kNonceBytes + kTagBytes) return std::nullopt;
  const std::string_view id = sealed.substr(start, length);
  if (!valid_key_id(id)) return std::nullopt;
  return Tagged{id, sealed.substr(start + length)};
}

}  // namespace

Keyring::Keyring(const std::map<std::string, std::string>& secrets, std::string current,
                 std::string legacy)
    : current_(std::move(current)), legacy_(std::move(legacy)) {
  for (const auto& [id, secret] : secrets) {
    if (!valid_key_id(id)) {
      throw std::invalid_argument("key id '" + id + "' must be 1-64 of A-Z a-z 0-9 . _ -");
    }
    sealers_.emplace(id, std::make_unique<Sealer>(secret));
  }
  if (sealers_.find(current_) == sealers_.end()) {
    throw std::invalid_argument("the current key '" + current_ + "' is not among the keys");
  }
  if (!legacy_.empty() && sealers_.find(legacy_) == sealers_.end()) {
    throw std::invalid_argument("the legacy key '" + legacy_ + "' is not among the keys");
  }
}

std::string Keyring::seal(std::string_view plaintext, std::string_view context) const {
  std::string out(kKeyIdMagic);
  out.push_back(static_cast<char>(current_.size()));
  out += current_;
  out += sealers_.find(current_)->second->seal(plaintext, context);
  return out;
}

std::string Keyring::open(std::string_view sealed, std::string_view context,
                          std::string_view legacy_context) const {
  if (auto value = tagged(sealed)) {
    auto sealer = sealers_.find(value->key_id);
    if (sealer != sealers_.end()) return sealer->second->open(value->body, context);
    // A bare value whose random nonce happens to look like a key id (2^-32) still opens below.
    if (legacy_.empty()) {
      throw std::runtime_error("sealed under key '" + std::string(value->key_id) +
                               "', which is not configured");
    }
  }
  if (legacy_.empty()) throw std::runtime_error("sealed value carries no key id");
  return sealers_.find(legacy_)->second->open(sealed, legacy_context);
}

std::string Keyring::key_id_of(std::string_view sealed) {
  auto value = tagged(sealed);
  return value ? std::string(value->key_id) : std::string();
}

std::map<std::string, std::string> read_keyring_spec(const std::string& spec,
                                                     const std::string& setting) {
  std::map<std::string, std::string> keys;
  std::size_t start = 0;
  while (start <= spec.size()) {
    const std::size_t end = std::min(spec.find(';', start), spec.size());
    const std::string entry = spec.substr(start, end - start);
    start = end + 1;
    if (entry.empty()) continue;
    std::string id, file;
    std::size_t part_start = 0;
    while (part_start <= entry.size()) {
      const std::size_t part_end = std::min(entry.find(',', part_start), entry.size());
      const std::string part = entry.substr(part_start, part_end - part_start);
      part_start = part_end + 1;
      if (part.starts_with("kid=")) {
        id = part.substr(4);
      } else if (part.starts_with("file=")) {
        file = part.substr(5);
      } else if (!part.empty()) {
        throw std::invalid_argument(setting + ": unknown part '" + part.substr(0, part.find('=')) +
                                    "' (kid=<id>,file=<path>;…)");
      }
    }
    if (!valid_key_id(id) || file.empty()) {
      throw std::invalid_argument(setting + ": each key needs kid=<id> and file=<path>");
    }
    if (keys.count(id) != 0) throw std::invalid_argument(setting + ": key id '" + id + "' twice");
    keys[id] = read_key_file(file, setting + " (key " + id + ")");
  }
  return keys;
}

}  // namespace vnn::platform::crypto
