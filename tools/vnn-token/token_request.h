#pragma once
// Minting a development bearer token from command-line options, shared by vnn-token and
// `vnnctl token`: the options themselves, the checks on them and the signing, so both tools
// accept the same words and refuse the same mistakes.

// GCC 12 reports a false "potential null pointer dereference" inside CLI11's string splitting
// when optimising; the warning is in library code, so it is silenced for that header only.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wnull-dereference"
#include <CLI/CLI.hpp>
#pragma GCC diagnostic pop

#include <chrono>
#include <stdexcept>
#include <string>
#include <vector>

namespace vnn::token {

// A mistake on the command line (exit code 2 in both tools), worded in English like the
// options themselves.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct TokenRequest {
  std::string key_spec;  // kid=<id>,alg=<HS256|RS256|ES256>,file=<path>
  std::string issuer = "vnn-local";
  std::string audience = "vnn";
  std::string subject;
  std::string role;
  std::vector<std::string> units;
  std::string organisation;
  std::string ttl = "8h";
  std::string key_option = "--key";  // how the key is named on this command line, for messages
};

// The claim options, returned so that a command can make them exclusive with another mode.
struct TokenOptions {
  std::vector<CLI::Option*> claims;  // --subject, --role, --unit, --org, --ttl
};

// Adds --issuer, --audience, --subject, --role, --unit (repeat), --org and --ttl, and the signing
// key as `key_option` (read from VNN_JWT_SIGNING_KEY when not given).
TokenOptions add_token_options(CLI::App& app, TokenRequest& request, const std::string& key_option);

// "8h", "90m", "45s", "1d", or a sum such as "1h30m"; at most 30 days. Throws UsageError.
std::chrono::seconds parse_ttl(const std::string& text);
// The role names a token may carry, comma-separated, for messages.
std::string all_role_names();

// The signed token. Throws UsageError for what the caller must fix (missing subject or role,
// unknown role, bad unit code, ttl, a key spec naming a missing or wrong file) and
// std::runtime_error when signing fails.
std::string mint_token(const TokenRequest& request);

}  // namespace vnn::token
