#pragma once
// Tokens for tests: HS256 keys in temporary files, the --jwt-key specs that name them, and
// minters. Officers' tokens come from the issuer's key ("test", every role but service); service
// tokens from the donation service's own key ("test-donation", role service, issuer
// "donation"), as in production where each has its own key; the allocation service has its own
// ("test-allocation", issuer "allocation"), and so has the reporting service ("test-reporting",
// issuer "reporting").

#include <chrono>
#include <string>
#include <vector>

#include "vnn/platform/auth/principal.h"
#include "vnn/platform/auth/token_minter.h"

namespace vnn::testing {

class TestTokens {
 public:
  TestTokens();  // writes a fresh random key
  // The officers' key: "kid=test,alg=HS256,file=…,roles=<every role but service>".
  const std::string& key_spec() const { return key_spec_; }
  // The donation service's own key: "kid=test-donation,alg=HS256,file=…,roles=service,
  // iss=donation" (its VNN_JWT_SIGNING_KEY, and one of household review's VNN_JWT_KEYS).
  const std::string& service_key_spec() const { return service_key_spec_; }
  // Both, for VNN_JWT_KEYS of a service that donation calls.
  std::string verification_keys() const { return key_spec_ + ";" + service_key_spec_; }
  // The allocation service's own key: "kid=test-allocation,alg=HS256,file=…,roles=service,
  // iss=allocation" (its VNN_JWT_SIGNING_KEY).
  const std::string& allocation_key_spec() const { return allocation_key_spec_; }
  // The officers' key and both services' keys, for VNN_JWT_KEYS of a service that donation and
  // allocation call (household review).
  std::string all_verification_keys() const {
    return verification_keys() + ";" + allocation_key_spec_;
  }
  // The reporting service's own key: "kid=test-reporting,alg=HS256,file=…,roles=service,
  // iss=reporting" (its VNN_JWT_SIGNING_KEY).
  const std::string& reporting_key_spec() const { return reporting_key_spec_; }
  // The officers' key and the reporting service's, for VNN_JWT_KEYS of a service that reporting
  // calls (donation and allocation, for reconciliation).
  std::string reporting_trust_spec() const { return key_spec_ + ";" + reporting_key_spec_; }
  // Role kService: a donation service token for household review's GetEligibility.
  std::string bearer(platform::auth::Role role, std::vector<std::string> units = {},
                     std::string subject = "tester",
                     std::chrono::seconds ttl = std::chrono::minutes(10)) const;
  std::string bearer(const platform::auth::Principal& principal,
                     std::chrono::seconds ttl = std::chrono::minutes(10)) const {
    return "Bearer " + minter_.mint(principal, ttl);
  }
  // A token of the donation service for `audience`, allowing `methods`.
  std::string service_bearer(const std::string& audience, std::vector<std::string> methods,
                             std::chrono::seconds ttl = std::chrono::minutes(10)) const;
  const platform::auth::TokenMinter& minter() const { return minter_; }
  const platform::auth::TokenMinter& service_minter() const { return service_minter_; }
  // A token of the allocation service for `audience`, allowing `methods`.
  std::string allocation_service_bearer(const std::string& audience,
                                        std::vector<std::string> methods,
                                        std::chrono::seconds ttl = std::chrono::minutes(10)) const;
  // A token of the reporting service for `audience`, allowing `methods`.
  std::string reporting_service_bearer(const std::string& audience,
                                       std::vector<std::string> methods,
                                       std::chrono::seconds ttl = std::chrono::minutes(10)) const;

 private:
  std::string key_spec_;
  std::string service_key_spec_;
  platform::auth::TokenMinter minter_;
  platform::auth::TokenMinter service_minter_;
  std::string allocation_key_spec_;
  platform::auth::TokenMinter allocation_minter_;
  std::string reporting_key_spec_;
  platform::auth::TokenMinter reporting_minter_;
};

// The shared instance of a test process.
const TestTokens& test_tokens();

// A new file in /tmp holding 32 random bytes as hex (a key for a service setting).
std::string write_secret_file(const std::string& prefix);

}  // namespace vnn::testing
