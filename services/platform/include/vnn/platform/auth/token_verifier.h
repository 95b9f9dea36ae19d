#pragma once
// Verifies bearer JWTs (libjwt) against configured keys. HS256 is for local development;
// production uses RS256 or ES256 with public keys, so services hold no signing secret.

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "vnn/platform/auth/principal.h"

namespace vnn::platform::auth {

enum class Algorithm { kHS256, kRS256, kES256 };
std::string_view algorithm_name(Algorithm alg);

struct VerificationKey {
  std::string key_id;   // matched against the token header's "kid"; empty matches any token
  Algorithm algorithm;  // a token signed with any other algorithm is refused ("alg" confusion)
  std::string key;      // HS256: the shared secret; RS256/ES256: the public key in PEM
  // The roles a token signed with this key may claim; any other role is refused. Empty (only
  // possible when built in code): every role but "service". A key for "service" signs for no
  // other role.
  std::vector<Role> roles = {};
  // The issuers ("iss") a token signed with this key may name; empty: the verifier's issuer.
  std::vector<std::string> issuers = {};
};

// Parses "kid=<id>,alg=<HS256|RS256|ES256>,file=<path>,roles=<role>|<role>…[,iss=<issuer>|…]"
// (the --jwt-key setting) and reads the key file; roles is required. Throws
// std::invalid_argument with a one-line reason.
VerificationKey load_verification_key(std::string_view spec);

struct VerifierOptions {
  std::string issuer;    // required "iss"; empty: not checked
  std::string audience;  // required in "aud" of every token but a service's
  // A token with role "service" is accepted only with exactly this "aud" (this service's own
  // name, e.g. "household-review"), an "iss" its key allows, "sub" "service:<iss>" and the
  // methods it may call in "scope". Empty: service tokens are refused.
  std::string service_audience;
  std::chrono::seconds leeway{30};  // clock skew tolerated on exp / nbf
  // A verified token is remembered this long (its expiry still checked at every use), so the
  // same caller's token is not verified again on every call. Zero: not at all.
  std::chrono::seconds remember_for{60};
  std::size_t remember_at_most = 10000;  // tokens
  std::function<std::chrono::system_clock::time_point()> clock = [] {
    return std::chrono::system_clock::now();
  };
};

class VerifiedTokenCache;

class TokenVerifier {
 public:
  TokenVerifier(std::vector<VerificationKey> keys, VerifierOptions options);
  ~TokenVerifier();
  TokenVerifier(TokenVerifier&&) noexcept;
  TokenVerifier& operator=(TokenVerifier&&) noexcept;

  // `authorization` is the value of the "authorization" metadata entry ("Bearer <jwt>").
  // Throws vnn::platform::Error with kUnauthenticated for a missing, malformed, expired, not yet
  // valid, wrongly signed token or one with an unknown role; the message says which, without
  // echoing the token.
  Principal verify(std::string_view authorization) const;

  // Tokens remembered as verified (for tests).
  std::size_t remembered() const;

 private:
  Principal verify_token(const std::string& token) const;

  std::vector<VerificationKey> keys_;
  VerifierOptions options_;
  std::unique_ptr<VerifiedTokenCache> verified_;
};

}  // namespace vnn::platform::auth
