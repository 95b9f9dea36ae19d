// vnn-token: signs bearer tokens for local development and tests, and makes the HS256 key they
// are signed with. Production callers get tokens from the identity provider, never from here.
//
//   vnn-token --generate-hs256-key dev.key
//   vnn-token --key kid=local,alg=HS256,file=dev.key --subject officer-17
//             --role commune_officer --unit 26242 --ttl 8h
//
// Exit codes: 0 success, 1 failure (file system, signing), 2 bad usage.

#include <fcntl.h>
#include <openssl/rand.h>
#include <sys/stat.h>
#include <unistd.h>

// GCC 12 reports a false "potential null pointer dereference" inside CLI11's string splitting
// when optimising; the warning is in library code, so it is silenced for that header only.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wnull-dereference"
#include <CLI/CLI.hpp>
#pragma GCC diagnostic pop

#include <array>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <iostream>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "vnn/platform/auth/principal.h"
#include "vnn/platform/auth/token_minter.h"

namespace {

namespace auth = vnn::platform::auth;

constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;
// Development tokens stay short-lived, so a leaked one stops working soon.
constexpr std::chrono::hours kMaxTtl{24 * 30};

class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// "8h", "90m", "45s", "1d", or a sum such as "1h30m".
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

bool all_digits(const std::string& text) {
  return !text.empty() && text.find_first_not_of("0123456789") == std::string::npos;
}

// O_EXCL: an existing key is never overwritten, since tokens signed with it would stop working.
// Mode 0600 from the start, so the secret is never readable by others, even briefly.
int generate_hs256_key(const std::string& path) {
  std::array<unsigned char, 32> bytes{};
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
    std::cerr << "vnn-token: no randomness available to make a key\n";
    return kExitFailure;
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned char byte : bytes) {
    hex.push_back(kHex[byte >> 4]);
    hex.push_back(kHex[byte & 0x0F]);
  }
  hex.push_back('\n');

  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0 && errno == EEXIST) {
    std::cerr << "vnn-token: " << path << " already exists; remove it first to make a new key\n";
    return kExitFailure;
  }
  if (fd < 0) {
    std::cerr << "vnn-token: cannot create " << path << ": " << std::strerror(errno) << "\n";
    return kExitFailure;
  }
  bool ok = ::fchmod(fd, 0600) == 0;
  std::size_t written = 0;
  while (ok && written < hex.size()) {
    const ssize_t n = ::write(fd, hex.data() + written, hex.size() - written);
    if (n < 0 && errno == EINTR) continue;
    ok = n > 0;
    if (ok) written += static_cast<std::size_t>(n);
  }
  const int saved_errno = errno;
  ok = ::close(fd) == 0 && ok;
  if (!ok) {
    std::cerr << "vnn-token: cannot write " << path << ": " << std::strerror(saved_errno) << "\n";
    ::unlink(path.c_str());
    return kExitFailure;
  }
  std::cerr << "vnn-token: wrote a new HS256 key to " << path << "\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Signs a bearer token for local development (or makes the HS256 key to sign with).",
               "vnn-token"};
  std::string key_spec;
  std::string issuer = "vnn-local";
  std::string audience = "vnn";
  std::string subject;
  std::string role_text;
  std::vector<std::string> units;
  std::string organisation;
  std::string ttl_text = "8h";
  std::string generate_path;

  app.add_option("--key", key_spec, "signing key: kid=<id>,alg=<HS256|RS256|ES256>,file=<path>")
      ->envname("VNN_JWT_SIGNING_KEY");
  app.add_option("--issuer", issuer, "the token's \"iss\"")->capture_default_str();
  app.add_option("--audience", audience, "the token's \"aud\"")->capture_default_str();
  auto* subject_option = app.add_option("--subject", subject, "the user or service id (\"sub\")");
  auto* role_option = app.add_option("--role", role_text, "one of: " + all_role_names());
  auto* unit_option =
      app.add_option("--unit", units, "an administrative unit code the caller acts for (repeat)");
  auto* org_option =
      app.add_option("--org", organisation, "member organisation or agency id (\"org\")");
  auto* ttl_option = app.add_option("--ttl", ttl_text, "lifetime, e.g. 8h, 90m, 1d (at most 30d)")
                         ->capture_default_str();
  app.add_option("--generate-hs256-key", generate_path,
                 "write a new random 32-byte HS256 key (hex, mode 0600) to this path and exit")
      ->excludes(subject_option)
      ->excludes(role_option)
      ->excludes(unit_option)
      ->excludes(org_option)
      ->excludes(ttl_option);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    if (error.get_exit_code() == 0) return app.exit(error);  // --help
    std::cerr << "vnn-token: " << error.what() << " (see --help)\n";
    return kExitUsage;
  }

  if (!generate_path.empty()) return generate_hs256_key(generate_path);

  try {
    if (key_spec.empty()) throw UsageError("--key (or VNN_JWT_SIGNING_KEY) is required");
    if (subject.empty()) throw UsageError("--subject is required");
    if (role_text.empty()) throw UsageError("--role is required (" + all_role_names() + ")");
    const std::optional<auth::Role> role = auth::parse_role(role_text);
    if (!role) {
      throw UsageError("unknown role \"" + role_text + "\" (expected " + all_role_names() + ")");
    }
    for (const std::string& unit : units) {
      if (!all_digits(unit)) throw UsageError("--unit \"" + unit + "\" is not a unit code");
    }
    const std::chrono::seconds ttl = parse_ttl(ttl_text);

    // A key spec that names a missing or wrong file is a usage error too.
    auth::SigningKey key = [&] {
      try {
        return auth::load_signing_key(key_spec);
      } catch (const std::invalid_argument& error) {
        throw UsageError(error.what());
      }
    }();

    auth::Principal principal;
    principal.subject = subject;
    principal.role = *role;
    principal.unit_codes = units;
    principal.organisation_id = organisation;
    std::cout << auth::TokenMinter(std::move(key), issuer, audience).mint(principal, ttl) << "\n";
    return 0;
  } catch (const UsageError& error) {
    std::cerr << "vnn-token: " << error.what() << "\n";
    return kExitUsage;
  } catch (const std::exception& error) {
    std::cerr << "vnn-token: " << error.what() << "\n";
    return kExitFailure;
  }
}
