#pragma once
// Private to the auth sources. Parses the "kid=<id>,alg=<HS256|RS256|ES256>,file=<path>
// [,roles=<role>|<role>…][,iss=<issuer>|<issuer>…]" key setting shared by verification and
// signing keys (roles and iss say what a verification key may sign for; a signing key ignores
// them, so one spec can name an HS256 key for both in tests), reads the key file and checks that it
// holds the kind of key the algorithm needs, so a wrong file stops the process at start instead of
// failing every token later. Also maps Algorithm to libjwt's enum for the verifier and minter.

#include <jwt.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vnn/platform/auth/token_verifier.h"

namespace vnn::platform::auth::internal {

enum class KeyUse {
  kVerify,  // RS256/ES256 files hold a public key
  kSign,    // RS256/ES256 files hold an unencrypted private key
};

struct KeyMaterial {
  std::string key_id;
  Algorithm algorithm = Algorithm::kHS256;
  std::string key;
  std::vector<Role> roles;           // "roles=": required for a verification key
  std::vector<std::string> issuers;  // "iss=": empty: the service's --jwt-issuer
};

// Throws std::invalid_argument with a one-line reason. Messages name the file, never its content.
KeyMaterial load_key(std::string_view spec, KeyUse use);

std::optional<Algorithm> parse_algorithm(std::string_view name);
jwt_alg_t to_libjwt(Algorithm algorithm);

}  // namespace vnn::platform::auth::internal
