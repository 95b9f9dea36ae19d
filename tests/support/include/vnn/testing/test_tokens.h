#pragma once
// Tokens for tests: an HS256 key in a temporary file, the --jwt-key spec that names it, and a
// minter for any principal.

#include <chrono>
#include <string>
#include <vector>

#include "vnn/platform/auth/principal.h"
#include "vnn/platform/auth/token_minter.h"

namespace vnn::testing {

class TestTokens {
 public:
  TestTokens();                                              // writes a fresh random key
  const std::string& key_spec() const { return key_spec_; }  // "kid=test,alg=HS256,file=…"
  std::string bearer(platform::auth::Role role, std::vector<std::string> units = {},
                     std::string subject = "tester",
                     std::chrono::seconds ttl = std::chrono::minutes(10)) const;
  std::string bearer(const platform::auth::Principal& principal,
                     std::chrono::seconds ttl = std::chrono::minutes(10)) const {
    return "Bearer " + minter_.mint(principal, ttl);
  }
  const platform::auth::TokenMinter& minter() const { return minter_; }

 private:
  std::string key_spec_;
  platform::auth::TokenMinter minter_;
};

// The shared instance of a test process.
const TestTokens& test_tokens();

// A new file in /tmp holding 32 random bytes as hex (a key for a service setting).
std::string write_secret_file(const std::string& prefix);

}  // namespace vnn::testing
