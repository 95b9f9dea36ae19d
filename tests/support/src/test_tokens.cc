#include "vnn/testing/test_tokens.h"

#include <openssl/rand.h>

#include <fstream>

#include "vnn/testing/test_stack.h"

namespace vnn::testing {
namespace {

std::string random_hex() {
  unsigned char bytes[32];
  RAND_bytes(bytes, sizeof bytes);
  static const char* hex = "0123456789abcdef";
  std::string key;
  for (unsigned char b : bytes) {
    key += hex[b >> 4];
    key += hex[b & 0xf];
  }
  return key;
}

constexpr const char* kOfficerRoles =
    "district_office|commune_officer|social_affairs_officer|member_organisation|agency|auditor|"
    "integration|public";

std::string write_key() {
  return "kid=test,alg=HS256,file=" + write_secret_file("vnn_test_key") + ",roles=" + kOfficerRoles;
}
std::string write_service_key() {
  return "kid=test-donation,alg=HS256,file=" + write_secret_file("vnn_test_donation_key") +
         ",roles=service,iss=donation";
}
std::string write_allocation_key() {
  return "kid=test-allocation,alg=HS256,file=" + write_secret_file("vnn_test_allocation_key") +
         ",roles=service,iss=allocation";
}
std::string write_reporting_key() {
  return "kid=test-reporting,alg=HS256,file=" + write_secret_file("vnn_test_reporting_key") +
         ",roles=service,iss=reporting";
}

}  // namespace

TestTokens::TestTokens()
    : key_spec_(write_key()),
      service_key_spec_(write_service_key()),
      minter_(platform::auth::load_signing_key(key_spec_), "vnn-local", "vnn"),
      service_minter_(platform::auth::load_signing_key(service_key_spec_), "donation", ""),
      allocation_key_spec_(write_allocation_key()),
      allocation_minter_(platform::auth::load_signing_key(allocation_key_spec_), "allocation", ""),
      reporting_key_spec_(write_reporting_key()),
      reporting_minter_(platform::auth::load_signing_key(reporting_key_spec_), "reporting", "") {}

std::string TestTokens::reporting_service_bearer(const std::string& audience,
                                                 std::vector<std::string> methods,
                                                 std::chrono::seconds ttl) const {
  platform::auth::Principal principal;
  principal.subject = "service:reporting";
  principal.role = platform::auth::Role::kService;
  principal.methods = std::move(methods);
  return "Bearer " + reporting_minter_.mint(principal, ttl, audience);
}

std::string TestTokens::allocation_service_bearer(const std::string& audience,
                                                  std::vector<std::string> methods,
                                                  std::chrono::seconds ttl) const {
  platform::auth::Principal principal;
  principal.subject = "service:allocation";
  principal.role = platform::auth::Role::kService;
  principal.methods = std::move(methods);
  return "Bearer " + allocation_minter_.mint(principal, ttl, audience);
}

std::string TestTokens::service_bearer(const std::string& audience,
                                       std::vector<std::string> methods,
                                       std::chrono::seconds ttl) const {
  platform::auth::Principal principal;
  principal.subject = "service:donation";
  principal.role = platform::auth::Role::kService;
  principal.methods = std::move(methods);
  return "Bearer " + service_minter_.mint(principal, ttl, audience);
}

std::string TestTokens::bearer(platform::auth::Role role, std::vector<std::string> units,
                               std::string subject, std::chrono::seconds ttl) const {
  if (role == platform::auth::Role::kService) {
    return service_bearer("household-review", {"GetEligibility"}, ttl);
  }
  platform::auth::Principal principal;
  principal.subject = std::move(subject);
  principal.role = role;
  principal.unit_codes = std::move(units);
  return "Bearer " + minter_.mint(principal, ttl);
}

std::string write_secret_file(const std::string& prefix) {
  const std::string path = "/tmp/" + unique_name(prefix);
  std::ofstream(path) << random_hex();
  return path;
}

const TestTokens& test_tokens() {
  static const TestTokens tokens;
  return tokens;
}

}  // namespace vnn::testing
