#include "vnn/platform/auth/token_verifier.h"

#include <jwt.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <utility>

#include "key_spec.h"
#include "verified_token_cache.h"
#include "vnn/platform/errors.h"

namespace vnn::platform::auth {
namespace {

using nlohmann::json;

// Larger headers are not tokens we issue; refusing them early bounds the work per request.
constexpr std::size_t kMaxTokenBytes = 16 * 1024;
// NumericDate values beyond this (about year 33658) are garbage, and converting them to a
// time_point would overflow.
constexpr double kMaxNumericDate = 1e12;

struct JwtDeleter {
  void operator()(jwt_t* jwt) const { jwt_free(jwt); }
};

// The fixed set of reasons a caller may see. None of them echoes the token.
[[noreturn]] void reject(const char* reason) { throw unauthenticated(reason); }

bool is_space(char c) { return c == ' ' || c == '\t'; }

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i];
    char y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

std::string_view extract_bearer(std::string_view authorization) {
  while (!authorization.empty() && is_space(authorization.front())) authorization.remove_prefix(1);
  while (!authorization.empty() && is_space(authorization.back())) authorization.remove_suffix(1);
  if (authorization.empty()) reject("missing bearer token");
  std::size_t space = 0;
  while (space < authorization.size() && !is_space(authorization[space])) ++space;
  if (!iequals(authorization.substr(0, space), "bearer")) {
    reject("authorization scheme is not Bearer");
  }
  std::string_view token = authorization.substr(space);
  while (!token.empty() && is_space(token.front())) token.remove_prefix(1);
  if (token.empty()) reject("missing bearer token");
  if (token.size() > kMaxTokenBytes) reject("malformed bearer token");
  return token;
}

int base64url_value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '-') return 62;
  if (c == '_') return 63;
  return -1;
}

// Unpadded base64url (RFC 7515 §2), strictly: no padding, no other alphabet, no stray bits.
std::optional<std::string> base64url_decode(std::string_view text) {
  if (text.size() % 4 == 1) return std::nullopt;
  std::string out;
  out.reserve(text.size() * 3 / 4);
  std::uint32_t bits = 0;
  int bit_count = 0;
  for (char c : text) {
    const int value = base64url_value(c);
    if (value < 0) return std::nullopt;
    bits = (bits << 6) | static_cast<std::uint32_t>(value);
    bit_count += 6;
    if (bit_count >= 8) {
      bit_count -= 8;
      out.push_back(static_cast<char>((bits >> bit_count) & 0xFFu));
    }
  }
  if ((bits & ((1u << bit_count) - 1u)) != 0) return std::nullopt;
  return out;
}

std::optional<json> decode_json_object(std::string_view part) {
  const std::optional<std::string> text = base64url_decode(part);
  if (!text) return std::nullopt;
  json value = json::parse(*text, nullptr, /*allow_exceptions=*/false);
  if (!value.is_object()) return std::nullopt;
  return value;
}

struct TokenParts {
  json header;
  json claims;
};

// Decoded before any signature check, only to choose the key; nothing from here is trusted until
// libjwt has verified the signature over exactly these bytes.
TokenParts split_token(std::string_view token) {
  const std::size_t first = token.find('.');
  const std::size_t second =
      first == std::string_view::npos ? std::string_view::npos : token.find('.', first + 1);
  if (second == std::string_view::npos || token.find('.', second + 1) != std::string_view::npos) {
    reject("malformed bearer token");
  }
  std::optional<json> header = decode_json_object(token.substr(0, first));
  std::optional<json> claims = decode_json_object(token.substr(first + 1, second - first - 1));
  const std::optional<std::string> signature = base64url_decode(token.substr(second + 1));
  if (!header || !claims || !signature) reject("malformed bearer token");
  return TokenParts{std::move(*header), std::move(*claims)};
}

bool signature_valid(const std::string& token, const VerificationKey& key) {
  jwt_t* raw = nullptr;
  const int status =
      jwt_decode(&raw, token.c_str(), reinterpret_cast<const unsigned char*>(key.key.data()),
                 static_cast<int>(key.key.size()));
  std::unique_ptr<jwt_t, JwtDeleter> jwt(raw);
  // Checking libjwt's own reading of "alg" as well guards against the two parsers disagreeing.
  return status == 0 && jwt && jwt_get_alg(jwt.get()) == internal::to_libjwt(key.algorithm);
}

// NumericDate (RFC 7519 §2): seconds since the epoch, possibly fractional.
std::optional<std::chrono::system_clock::time_point> numeric_date(const json& claims,
                                                                  const char* name) {
  const auto it = claims.find(name);
  if (it == claims.end()) return std::nullopt;
  if (!it->is_number()) reject("malformed bearer token");
  const double seconds = it->get<double>();
  if (!std::isfinite(seconds) || std::fabs(seconds) > kMaxNumericDate) {
    reject("malformed bearer token");
  }
  const auto whole = static_cast<std::int64_t>(std::floor(seconds));
  return std::chrono::system_clock::time_point{std::chrono::seconds{whole}};
}

// Absent claims read as empty; a claim of the wrong type is refused rather than ignored.
std::string optional_string(const json& claims, const char* name) {
  const auto it = claims.find(name);
  if (it == claims.end()) return {};
  if (!it->is_string()) reject("token claims malformed");
  return it->get<std::string>();
}

bool audience_accepted(const json& claims, const std::string& audience) {
  const auto it = claims.find("aud");
  if (it == claims.end()) return false;
  if (it->is_string()) return it->get<std::string>() == audience;
  if (!it->is_array()) return false;
  for (const json& entry : *it) {
    if (entry.is_string() && entry.get<std::string>() == audience) return true;
  }
  return false;
}

std::vector<std::string> string_list(const json& claims, const char* name) {
  std::vector<std::string> codes;
  const auto it = claims.find(name);
  if (it == claims.end()) return codes;
  if (!it->is_array()) reject("token claims malformed");
  for (const json& entry : *it) {
    if (!entry.is_string() || entry.get<std::string>().empty()) reject("token claims malformed");
    codes.push_back(entry.get<std::string>());
  }
  return codes;
}

}  // namespace

std::string_view algorithm_name(Algorithm alg) {
  switch (alg) {
    case Algorithm::kHS256:
      return "HS256";
    case Algorithm::kRS256:
      return "RS256";
    case Algorithm::kES256:
      return "ES256";
  }
  return "unknown";
}

VerificationKey load_verification_key(std::string_view spec) {
  internal::KeyMaterial material = internal::load_key(spec, internal::KeyUse::kVerify);
  return VerificationKey{std::move(material.key_id), material.algorithm, std::move(material.key),
                         std::move(material.roles), std::move(material.issuers)};
}

TokenVerifier::TokenVerifier(std::vector<VerificationKey> keys, VerifierOptions options)
    : keys_(std::move(keys)), options_(std::move(options)) {
  for (const VerificationKey& key : keys_) {
    if (key.key.empty()) throw std::invalid_argument("token verifier: empty verification key");
  }
  if (!options_.clock) options_.clock = [] { return std::chrono::system_clock::now(); };
  if (options_.leeway < std::chrono::seconds::zero()) options_.leeway = std::chrono::seconds{0};
  verified_ = std::make_unique<VerifiedTokenCache>(
      options_.remember_for, options_.remember_for.count() > 0 ? options_.remember_at_most : 0);
}

TokenVerifier::~TokenVerifier() = default;
TokenVerifier::TokenVerifier(TokenVerifier&&) noexcept = default;
TokenVerifier& TokenVerifier::operator=(TokenVerifier&&) noexcept = default;

std::size_t TokenVerifier::remembered() const { return verified_->size(); }

Principal TokenVerifier::verify(std::string_view authorization) const {
  const std::string token(extract_bearer(authorization));
  // A service started without keys (one that needs no callers' identity) accepts no token.
  if (keys_.empty()) reject("tokens are not accepted here");
  const auto now = options_.clock();
  if (auto known = verified_->find(token, now)) {
    // RFC 7519 §4.1.4, as below: remembered or not, not on or after its expiry.
    if (now - options_.leeway >= known->expires_at) reject("token expired");
    return *known;
  }
  Principal principal = verify_token(token);
  verified_->add(token, principal, now);
  return principal;
}

Principal TokenVerifier::verify_token(const std::string& token) const {
  const TokenParts parts = split_token(token);

  // The algorithm comes from the key, never from the token: "none", and a token whose "alg"
  // differs from its key's (an HS256 token "signed" with an RS256 public key), are refused
  // before any cryptography runs.
  const auto alg_entry = parts.header.find("alg");
  if (alg_entry == parts.header.end() || !alg_entry->is_string()) reject("malformed bearer token");
  const std::optional<Algorithm> algorithm =
      internal::parse_algorithm(alg_entry->get<std::string>());
  if (!algorithm) reject("token algorithm not accepted");

  std::optional<std::string> key_id;
  if (const auto kid = parts.header.find("kid"); kid != parts.header.end()) {
    if (!kid->is_string()) reject("malformed bearer token");
    key_id = kid->get<std::string>();
  }

  bool key_id_known = false;
  bool algorithm_known = false;
  const VerificationKey* signed_by = nullptr;
  for (const VerificationKey& key : keys_) {
    if (key_id && !key.key_id.empty() && key.key_id != *key_id) continue;
    key_id_known = true;
    if (key.algorithm != *algorithm) continue;
    algorithm_known = true;
    if (signature_valid(token, key)) {
      signed_by = &key;
      break;
    }
  }
  if (!key_id_known) reject("token key id not accepted");
  if (!algorithm_known) reject("token algorithm not accepted");
  if (signed_by == nullptr) reject("token signature invalid");

  const json& claims = parts.claims;
  const auto now = options_.clock();
  const std::optional<std::chrono::system_clock::time_point> expires_at =
      numeric_date(claims, "exp");
  if (!expires_at) reject("token has no expiry");
  // RFC 7519 §4.1.4: the token must not be accepted on or after its expiry.
  if (now - options_.leeway >= *expires_at) reject("token expired");
  if (const auto not_before = numeric_date(claims, "nbf")) {
    if (now + options_.leeway < *not_before) reject("token not yet valid");
  }
  numeric_date(claims, "iat");  // only its type is checked: a wrong "iat" means a broken issuer

  Principal principal;
  const auto sub = claims.find("sub");
  if (sub == claims.end() || !sub->is_string() || sub->get<std::string>().empty()) {
    reject("token has no subject");
  }
  principal.subject = sub->get<std::string>();
  const auto role_claim = claims.find("role");
  if (role_claim == claims.end() || !role_claim->is_string()) reject("token has no valid role");
  const std::optional<Role> role = parse_role(role_claim->get<std::string>());
  if (!role) reject("token has no valid role");
  // A key signs only for the roles and issuers it is configured for: the issuer's key cannot
  // make service tokens, and a service's key cannot make officers' tokens.
  const bool role_allowed = signed_by->roles.empty()
                                ? *role != Role::kService
                                : std::find(signed_by->roles.begin(), signed_by->roles.end(),
                                            *role) != signed_by->roles.end();
  if (!role_allowed) reject("token role not accepted for its key");
  principal.role = *role;
  const std::string issuer = optional_string(claims, "iss");
  if (!signed_by->issuers.empty()) {
    if (std::find(signed_by->issuers.begin(), signed_by->issuers.end(), issuer) ==
        signed_by->issuers.end()) {
      reject("token issuer not accepted");
    }
  } else if (!options_.issuer.empty() && issuer != options_.issuer) {
    reject("token issuer not accepted");
  }

  if (*role == Role::kService) {
    // Service tokens name the one service they are for: one captured on its way to another
    // service, or minted for the old shared audience, is refused here.
    const auto aud = claims.find("aud");
    if (options_.service_audience.empty() || aud == claims.end() || !aud->is_string() ||
        aud->get<std::string>() != options_.service_audience) {
      reject("token audience not accepted");
    }
    if (issuer.empty() || principal.subject != "service:" + issuer) {
      reject("token subject does not match its issuer");
    }
    principal.methods = string_list(claims, "scope");
    if (principal.methods.empty()) reject("service token has no scope");
  } else if (!options_.audience.empty() && !audience_accepted(claims, options_.audience)) {
    reject("token audience not accepted");
  }

  principal.unit_codes = string_list(claims, "units");
  principal.organisation_id = optional_string(claims, "org");
  principal.token_id = optional_string(claims, "jti");
  principal.expires_at = *expires_at;
  return principal;
}

}  // namespace vnn::platform::auth
