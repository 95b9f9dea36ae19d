#include "key_spec.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <vector>

namespace vnn::platform::auth::internal {
namespace {

// RFC 7518 §3.2: an HS256 key must be at least as long as the hash output.
constexpr std::size_t kMinHmacKeyBytes = 32;
constexpr int kMinRsaBits = 2048;
// A key file is a few kilobytes at most; refusing large files keeps a typo (a log file, a disk
// image) from being read into memory.
constexpr std::streamsize kMaxKeyFileBytes = 64 * 1024;

constexpr std::string_view kFormat =
    "kid=<id>,alg=<HS256|RS256|ES256>,file=<path>,roles=<role>|<role>…[,iss=<issuer>|…]";

struct BioDeleter {
  void operator()(BIO* bio) const { BIO_free(bio); }
};
struct PkeyDeleter {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};

// Refuses to prompt on the terminal for the passphrase of an encrypted private key.
int no_passphrase(char* /*buf*/, int /*size*/, int /*rwflag*/, void* /*userdata*/) { return 0; }

class SpecContext {
 public:
  explicit SpecContext(std::string key_id) : key_id_(std::move(key_id)) {}
  [[noreturn]] void fail(const std::string& reason) const {
    std::string message = "key spec";
    if (!key_id_.empty()) message += " for kid \"" + key_id_ + "\"";
    throw std::invalid_argument(message + ": " + reason);
  }
  void set_key_id(std::string key_id) { key_id_ = std::move(key_id); }

 private:
  std::string key_id_;
};

std::string read_key_file(const std::string& path, const SpecContext& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) error.fail("cannot read key file " + path + ": " + std::strerror(errno));
  std::string content;
  std::vector<char> buffer(4096);
  while (in.read(buffer.data(), static_cast<std::streamsize>(buffer.size())) || in.gcount() > 0) {
    content.append(buffer.data(), static_cast<std::size_t>(in.gcount()));
    if (static_cast<std::streamsize>(content.size()) > kMaxKeyFileBytes) {
      error.fail("key file " + path + " is larger than a key file can be");
    }
  }
  if (in.bad()) error.fail("cannot read key file " + path);
  return content;
}

void trim_trailing_whitespace(std::string& text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ' ||
                           text.back() == '\t')) {
    text.pop_back();
  }
}

std::unique_ptr<EVP_PKEY, PkeyDeleter> read_pem(const std::string& pem, KeyUse use) {
  std::unique_ptr<BIO, BioDeleter> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  if (!bio) return nullptr;
  EVP_PKEY* key = use == KeyUse::kVerify
                      ? PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr)
                      : PEM_read_bio_PrivateKey(bio.get(), nullptr, no_passphrase, nullptr);
  // A failed parse leaves entries in the thread's OpenSSL error queue; later, unrelated OpenSSL
  // calls (TLS, libjwt) must not see them.
  ERR_clear_error();
  return std::unique_ptr<EVP_PKEY, PkeyDeleter>(key);
}

void check_pem_key(const std::string& pem, Algorithm algorithm, KeyUse use, const std::string& path,
                   const SpecContext& error) {
  const std::string what = use == KeyUse::kVerify ? "public key" : "unencrypted private key";
  const auto key = read_pem(pem, use);
  if (algorithm == Algorithm::kRS256) {
    if (!key || EVP_PKEY_get_base_id(key.get()) != EVP_PKEY_RSA) {
      error.fail("key file " + path + " is not an RSA " + what + " in PEM format");
    }
    if (EVP_PKEY_get_bits(key.get()) < kMinRsaBits) {
      error.fail("key file " + path + " holds an RSA key shorter than 2048 bits");
    }
    return;
  }
  // ES256 is ECDSA on P-256 (OpenSSL's "prime256v1") and nothing else.
  char group[64] = {};
  std::size_t group_length = 0;
  if (!key || EVP_PKEY_get_base_id(key.get()) != EVP_PKEY_EC ||
      EVP_PKEY_get_group_name(key.get(), group, sizeof group, &group_length) != 1 ||
      std::string_view(group, group_length) != "prime256v1") {
    error.fail("key file " + path + " is not a P-256 EC " + what + " in PEM format");
  }
}

std::string_view trim_blanks(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  return text;
}

// "a|b|c": '|' because ',' separates the fields and ';' the keys.
std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> items;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('|', start);
    if (end == std::string::npos) end = text.size();
    const std::string_view item = trim_blanks(std::string_view(text).substr(start, end - start));
    if (!item.empty()) items.emplace_back(item);
    start = end + 1;
  }
  return items;
}

}  // namespace

jwt_alg_t to_libjwt(Algorithm algorithm) {
  switch (algorithm) {
    case Algorithm::kHS256:
      return JWT_ALG_HS256;
    case Algorithm::kRS256:
      return JWT_ALG_RS256;
    case Algorithm::kES256:
      return JWT_ALG_ES256;
  }
  return JWT_ALG_INVAL;
}

std::optional<Algorithm> parse_algorithm(std::string_view name) {
  if (name == "HS256") return Algorithm::kHS256;
  if (name == "RS256") return Algorithm::kRS256;
  if (name == "ES256") return Algorithm::kES256;
  return std::nullopt;
}

KeyMaterial load_key(std::string_view spec, KeyUse use) {
  SpecContext error("");
  if (spec.empty()) error.fail("empty; expected " + std::string(kFormat));
  std::optional<std::string> key_id;
  std::optional<std::string> alg;
  std::optional<std::string> file;
  std::optional<std::string> roles;
  std::optional<std::string> issuers;
  // Paths cannot contain commas; that keeps the setting one plain line in an env variable.
  std::size_t start = 0;
  while (start <= spec.size()) {
    std::size_t end = spec.find(',', start);
    if (end == std::string_view::npos) end = spec.size();
    // Blanks around an item are allowed, so a long setting can be folded over lines.
    const std::string_view item = trim_blanks(spec.substr(start, end - start));
    start = end + 1;
    if (item.empty()) {
      if (end == spec.size()) break;
      error.fail("empty item; expected " + std::string(kFormat));
    }
    const std::size_t equals = item.find('=');
    if (equals == std::string_view::npos) {
      error.fail("\"" + std::string(item) + "\" is not name=value; expected " +
                 std::string(kFormat));
    }
    const std::string_view name = item.substr(0, equals);
    std::string value(item.substr(equals + 1));
    std::optional<std::string>* slot = nullptr;
    if (name == "kid") {
      slot = &key_id;
    } else if (name == "alg") {
      slot = &alg;
    } else if (name == "file") {
      slot = &file;
    } else if (name == "roles") {
      slot = &roles;
    } else if (name == "iss") {
      slot = &issuers;
    } else {
      error.fail("unknown field \"" + std::string(name) + "\"; expected " + std::string(kFormat));
    }
    if (slot->has_value()) error.fail("field \"" + std::string(name) + "\" given twice");
    *slot = std::move(value);
  }

  KeyMaterial material;
  material.key_id = key_id.value_or("");
  error.set_key_id(material.key_id);
  if (!alg || alg->empty()) error.fail("missing alg (HS256, RS256 or ES256)");
  const std::optional<Algorithm> algorithm = parse_algorithm(*alg);
  if (!algorithm) error.fail("unknown alg \"" + *alg + "\" (expected HS256, RS256 or ES256)");
  material.algorithm = *algorithm;
  if (!file || file->empty()) error.fail("missing file");

  if (roles) {
    for (const std::string& name : split_list(*roles)) {
      const std::optional<Role> role = parse_role(name);
      if (!role) error.fail("unknown role \"" + name + "\" in roles");
      material.roles.push_back(*role);
    }
    if (material.roles.empty()) error.fail("roles is empty");
    // A service's key signs that service's own tokens and nothing else: if it could also sign
    // officers' tokens, a compromised service could act as any officer.
    const bool service = std::find(material.roles.begin(), material.roles.end(), Role::kService) !=
                         material.roles.end();
    if (service && material.roles.size() > 1) {
      error.fail("a key for role service may sign for no other role");
    }
  } else if (use == KeyUse::kVerify) {
    error.fail(
        "missing roles (the roles this key may sign for, e.g. roles=commune_officer|auditor)");
  }
  if (issuers) {
    material.issuers = split_list(*issuers);
    if (material.issuers.empty()) error.fail("iss is empty");
  }

  material.key = read_key_file(*file, error);
  if (material.algorithm == Algorithm::kHS256) {
    // Editors add a final newline; it is not part of the secret.
    trim_trailing_whitespace(material.key);
    if (material.key.empty()) error.fail("key file " + *file + " is empty");
    if (material.key.size() < kMinHmacKeyBytes) {
      error.fail("key file " + *file + " is too short for HS256 (at least 32 bytes)");
    }
  } else {
    if (material.key.find_first_not_of(" \t\r\n") == std::string::npos) {
      error.fail("key file " + *file + " is empty");
    }
    check_pem_key(material.key, material.algorithm, use, *file, error);
  }
  return material;
}

}  // namespace vnn::platform::auth::internal
