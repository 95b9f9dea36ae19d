#include "vnn/platform/auth/token_minter.h"

#include <jwt.h>
#include <openssl/rand.h>

#include <array>
#include <cstdlib>
#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <utility>

#include "key_spec.h"

namespace vnn::platform::auth {
namespace {

struct JwtDeleter {
  void operator()(jwt_t* jwt) const { jwt_free(jwt); }
};
struct FreeDeleter {
  void operator()(char* text) const { std::free(text); }
};

// 128 random bits: enough that two tokens never share an id, so "jti" can key a revocation list.
std::string random_token_id() {
  std::array<unsigned char, 16> bytes{};
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
    throw std::runtime_error("token minter: no randomness available for the token id");
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(bytes.size() * 2);
  for (unsigned char byte : bytes) {
    hex.push_back(kHex[byte >> 4]);
    hex.push_back(kHex[byte & 0x0F]);
  }
  return hex;
}

void check(int status, const char* what) {
  if (status != 0) throw std::runtime_error(std::string("token minter: cannot set ") + what);
}

}  // namespace

SigningKey load_signing_key(std::string_view spec) {
  internal::KeyMaterial material = internal::load_key(spec, internal::KeyUse::kSign);
  return SigningKey{std::move(material.key_id), material.algorithm, std::move(material.key)};
}

TokenMinter::TokenMinter(SigningKey key, std::string issuer, std::string audience)
    : key_(std::move(key)), issuer_(std::move(issuer)), audience_(std::move(audience)) {
  if (key_.key.empty()) throw std::invalid_argument("token minter: empty signing key");
}

// Every token gets a fresh "jti" and its own validity window; the principal's token_id and
// expires_at describe a token already issued and are not copied.
std::string TokenMinter::mint(const Principal& principal, std::chrono::seconds ttl) const {
  return mint(principal, ttl, audience_);
}

std::string TokenMinter::mint(const Principal& principal, std::chrono::seconds ttl,
                              const std::string& audience) const {
  if (ttl <= std::chrono::seconds::zero()) {
    throw std::invalid_argument("token minter: ttl must be positive");
  }
  if (principal.subject.empty()) throw std::invalid_argument("token minter: empty subject");

  jwt_t* raw = nullptr;
  if (jwt_new(&raw) != 0 || raw == nullptr) throw std::runtime_error("token minter: out of memory");
  std::unique_ptr<jwt_t, JwtDeleter> jwt(raw);

  const auto now =
      std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  const long issued_at = static_cast<long>(now.time_since_epoch().count());

  if (!key_.key_id.empty()) check(jwt_add_header(jwt.get(), "kid", key_.key_id.c_str()), "kid");
  if (!issuer_.empty()) check(jwt_add_grant(jwt.get(), "iss", issuer_.c_str()), "iss");
  if (!audience.empty()) check(jwt_add_grant(jwt.get(), "aud", audience.c_str()), "aud");
  check(jwt_add_grant(jwt.get(), "sub", principal.subject.c_str()), "sub");
  check(jwt_add_grant(jwt.get(), "role", std::string(role_name(principal.role)).c_str()), "role");
  // nlohmann::json escapes the codes; libjwt has no call that adds a string array directly.
  const std::string units = nlohmann::json{{"units", principal.unit_codes}}.dump();
  check(jwt_add_grants_json(jwt.get(), units.c_str()), "units");
  if (!principal.methods.empty()) {
    const std::string scope = nlohmann::json{{"scope", principal.methods}}.dump();
    check(jwt_add_grants_json(jwt.get(), scope.c_str()), "scope");
  }
  if (!principal.organisation_id.empty()) {
    check(jwt_add_grant(jwt.get(), "org", principal.organisation_id.c_str()), "org");
  }
  check(jwt_add_grant(jwt.get(), "jti", random_token_id().c_str()), "jti");
  check(jwt_add_grant_int(jwt.get(), "iat", issued_at), "iat");
  check(jwt_add_grant_int(jwt.get(), "exp", issued_at + static_cast<long>(ttl.count())), "exp");

  check(jwt_set_alg(jwt.get(), internal::to_libjwt(key_.algorithm),
                    reinterpret_cast<const unsigned char*>(key_.key.data()),
                    static_cast<int>(key_.key.size())),
        "the signing key");
  std::unique_ptr<char, FreeDeleter> encoded(jwt_encode_str(jwt.get()));
  if (!encoded) throw std::runtime_error("token minter: signing failed");
  return std::string(encoded.get());
}

}  // namespace vnn::platform::auth
