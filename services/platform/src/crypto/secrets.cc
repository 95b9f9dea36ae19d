#include "vnn/platform/crypto/secrets.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include <fstream>
#include <iterator>
#include <memory>
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

}  // namespace vnn::platform::crypto
