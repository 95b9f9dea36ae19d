#pragma once
// Signs tokens: for the development token command and for a service's own credentials when it
// calls another service.

#include <chrono>
#include <string>

#include "vnn/platform/auth/principal.h"
#include "vnn/platform/auth/token_verifier.h"

namespace vnn::platform::auth {

struct SigningKey {
  std::string key_id;
  Algorithm algorithm;
  std::string key;  // HS256: the shared secret; RS256/ES256: the private key in PEM
};

// Same "kid=…,alg=…,file=…" format as load_verification_key; roles= and iss= are ignored.
SigningKey load_signing_key(std::string_view spec);

class TokenMinter {
 public:
  TokenMinter(SigningKey key, std::string issuer, std::string audience);

  // Signs a token carrying the principal's claims (its methods as "scope"), valid from now for
  // `ttl`, for the minter's audience or, when given, `audience`.
  std::string mint(const Principal& principal, std::chrono::seconds ttl) const;
  std::string mint(const Principal& principal, std::chrono::seconds ttl,
                   const std::string& audience) const;
  const std::string& issuer() const { return issuer_; }

 private:
  SigningKey key_;
  std::string issuer_;
  std::string audience_;
};

}  // namespace vnn::platform::auth
