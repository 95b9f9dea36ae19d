#include "token_request.h"

#include <optional>
#include <utility>

#include "vnn/platform/auth/principal.h"
#include "vnn/platform/auth/token_minter.h"

namespace vnn::token {
namespace {

namespace auth = vnn::platform::auth;

// Development tokens stay short-lived, so a leaked one stops working soon.
constexpr std::chrono::hours kMaxTtl{24 * 30};

bool all_digits(const std::string& text) {
  return !text.empty() && text.find_first_not_of("0123456789") == std::string::npos;
}

}  // namespace

TokenOptions add_token_options(CLI::App& app, TokenRequest& request,
                               const std::string& key_option) {
  request.key_option = key_option;
  app.add_option(key_option, request.key_spec,
                 "signing key: kid=<id>,alg=<HS256|RS256|ES256>,file=<path>")
      ->envname("VNN_JWT_SIGNING_KEY");
  app.add_option("--issuer", request.issuer, "the token's \"iss\"")->capture_default_str();
  app.add_option("--audience", request.audience, "the token's \"aud\"")->capture_default_str();
  TokenOptions options;
  options.claims.push_back(
      app.add_option("--subject", request.subject, "the user or service id (\"sub\")"));
  options.claims.push_back(app.add_option("--role", request.role, "one of: " + all_role_names()));
  options.claims.push_back(app.add_option(
      "--unit", request.units, "an administrative unit code the caller acts for (repeat)"));
  options.claims.push_back(
      app.add_option("--org", request.organisation, "member organisation or agency id (\"org\")"));
  options.claims.push_back(
      app.add_option("--ttl", request.ttl, "lifetime, e.g. 8h, 90m, 1d (at most 30d)")
          ->capture_default_str());
  return options;
}

std::chrono::seconds parse_ttl(const std::string& text) {
  if (text.empty()) throw UsageError("--ttl is empty (try 8h)");
  std::chrono::seconds total{0};
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t digits_start = i;
    long long value = 0;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
      value = value * 10 + (text[i] - '0');
      if (value > 1'000'000'000) throw UsageError("--ttl \"" + text + "\" is too long");
      ++i;
    }
    if (i == digits_start || i == text.size()) {
      throw UsageError("--ttl \"" + text + "\" is not a duration like 8h, 90m, 45s or 1d");
    }
    switch (text[i]) {
      case 's':
        total += std::chrono::seconds{value};
        break;
      case 'm':
        total += std::chrono::minutes{value};
        break;
      case 'h':
        total += std::chrono::hours{value};
        break;
      case 'd':
        total += std::chrono::hours{24 * value};
        break;
      default:
        throw UsageError("--ttl \"" + text + "\" is not a duration like 8h, 90m, 45s or 1d");
    }
    ++i;
  }
  if (total <= std::chrono::seconds::zero()) throw UsageError("--ttl must be positive");
  if (total > kMaxTtl) throw UsageError("--ttl must be at most 30d");
  return total;
}

std::string all_role_names() {
  std::string names;
  for (auth::Role role :
       {auth::Role::kDistrictOffice, auth::Role::kCommuneOfficer, auth::Role::kSocialAffairsOfficer,
        auth::Role::kMemberOrganisation, auth::Role::kAgency, auth::Role::kAuditor,
        auth::Role::kIntegration, auth::Role::kPublic, auth::Role::kService}) {
    if (!names.empty()) names += ", ";
    names += auth::role_name(role);
  }
  return names;
}

std::string mint_token(const TokenRequest& request) {
  if (request.key_spec.empty()) {
    throw UsageError(request.key_option + " (or VNN_JWT_SIGNING_KEY) is required");
  }
  if (request.subject.empty()) throw UsageError("--subject is required");
  if (request.role.empty()) throw UsageError("--role is required (" + all_role_names() + ")");
  const std::optional<auth::Role> role = auth::parse_role(request.role);
  if (!role) {
    throw UsageError("unknown role \"" + request.role + "\" (expected " + all_role_names() + ")");
  }
  for (const std::string& unit : request.units) {
    if (!all_digits(unit)) throw UsageError("--unit \"" + unit + "\" is not a unit code");
  }
  const std::chrono::seconds ttl = parse_ttl(request.ttl);

  // A key spec that names a missing or wrong file is a usage error too.
  auth::SigningKey key = [&] {
    try {
      return auth::load_signing_key(request.key_spec);
    } catch (const std::invalid_argument& error) {
      throw UsageError(error.what());
    }
  }();

  auth::Principal principal;
  principal.subject = request.subject;
  principal.role = *role;
  principal.unit_codes = request.units;
  principal.organisation_id = request.organisation;
  return auth::TokenMinter(std::move(key), request.issuer, request.audience).mint(principal, ttl);
}

}  // namespace vnn::token
