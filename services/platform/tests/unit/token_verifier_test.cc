#include "vnn/platform/auth/token_verifier.h"

#include <gtest/gtest.h>
#include <jwt.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <stdlib.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "vnn/platform/auth/principal.h"
#include "vnn/platform/auth/token_minter.h"
#include "vnn/platform/errors.h"

namespace vnn::platform::auth {
namespace {

using nlohmann::json;
using std::chrono::hours;
using std::chrono::seconds;
using std::chrono::system_clock;

constexpr const char* kSecret = "3f1c9a7be2d84c6a9e0b5d7f1a2c3e4b5d6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b";
constexpr const char* kOtherSecret =
    "0000000000000000000000000000000000000000000000000000000000000001";
constexpr const char* kIssuer = "vnn-local";
constexpr const char* kAudience = "vnn";

// ---- helpers -------------------------------------------------------------------------------

std::string base64url(std::string_view bytes) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  std::uint32_t bits = 0;
  int count = 0;
  for (char c : bytes) {
    bits = (bits << 8) | static_cast<unsigned char>(c);
    count += 8;
    while (count >= 6) {
      count -= 6;
      out.push_back(kAlphabet[(bits >> count) & 0x3F]);
    }
  }
  if (count > 0) out.push_back(kAlphabet[(bits << (6 - count)) & 0x3F]);
  return out;
}

struct JwtDeleter {
  void operator()(jwt_t* jwt) const { jwt_free(jwt); }
};

// Signs arbitrary claims with libjwt directly, for tokens the minter would never produce.
std::string sign_raw(const json& claims, jwt_alg_t alg, const std::string& key,
                     const std::optional<std::string>& kid = "local") {
  jwt_t* raw = nullptr;
  EXPECT_EQ(jwt_new(&raw), 0);
  std::unique_ptr<jwt_t, JwtDeleter> jwt(raw);
  if (kid) {
    EXPECT_EQ(jwt_add_header(jwt.get(), "kid", kid->c_str()), 0);
  }
  EXPECT_EQ(jwt_add_grants_json(jwt.get(), claims.dump().c_str()), 0);
  EXPECT_EQ(jwt_set_alg(jwt.get(), alg, reinterpret_cast<const unsigned char*>(key.data()),
                        static_cast<int>(key.size())),
            0);
  std::unique_ptr<char, decltype(&free)> encoded(jwt_encode_str(jwt.get()), &free);
  EXPECT_NE(encoded, nullptr);
  return encoded ? std::string(encoded.get()) : std::string();
}

// A token assembled by hand: any header, any signature.
std::string assemble(const json& header, const json& claims, std::string_view signature = "") {
  return base64url(header.dump()) + "." + base64url(claims.dump()) + "." + std::string(signature);
}

long unix_seconds(system_clock::time_point at) {
  return static_cast<long>(std::chrono::duration_cast<seconds>(at.time_since_epoch()).count());
}

json valid_claims(system_clock::time_point now) {
  return json{{"iss", kIssuer},
              {"aud", kAudience},
              {"sub", "officer-17"},
              {"role", "commune_officer"},
              {"units", {"26242"}},
              {"iat", unix_seconds(now)},
              {"exp", unix_seconds(now + hours{1})}};
}

struct PkeyDeleter {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
struct BioDeleter {
  void operator()(BIO* bio) const { BIO_free(bio); }
};

std::string bio_text(BIO* bio) {
  char* data = nullptr;
  const long length = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<std::size_t>(length));
}

struct PemPair {
  std::string private_pem;
  std::string public_pem;
};

PemPair generate(bool rsa) {
  std::unique_ptr<EVP_PKEY, PkeyDeleter> key(
      rsa ? EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<std::size_t>(2048))
          : EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
  EXPECT_NE(key, nullptr);
  std::unique_ptr<BIO, BioDeleter> priv(BIO_new(BIO_s_mem()));
  std::unique_ptr<BIO, BioDeleter> pub(BIO_new(BIO_s_mem()));
  EXPECT_EQ(PEM_write_bio_PrivateKey(priv.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr),
            1);
  EXPECT_EQ(PEM_write_bio_PUBKEY(pub.get(), key.get()), 1);
  return PemPair{bio_text(priv.get()), bio_text(pub.get())};
}

// Key files live in a fresh directory per test suite, removed afterwards.
class KeyFiles {
 public:
  KeyFiles() {
    std::string pattern = (std::filesystem::temp_directory_path() / "vnn-keys-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    dir_ = pattern;
  }
  ~KeyFiles() {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }
  KeyFiles(const KeyFiles&) = delete;
  KeyFiles& operator=(const KeyFiles&) = delete;

  std::string write(const std::string& name, const std::string& content) const {
    const std::filesystem::path path = dir_ / name;
    std::ofstream(path, std::ios::binary) << content;
    return path.string();
  }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }

 private:
  std::filesystem::path dir_;
};

class TokenVerifierTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    files_ = new KeyFiles();
    rsa_ = new PemPair(generate(/*rsa=*/true));
    ec_ = new PemPair(generate(/*rsa=*/false));
  }
  static void TearDownTestSuite() {
    delete files_;
    delete rsa_;
    delete ec_;
  }

  VerifierOptions options() {
    VerifierOptions result;
    result.issuer = kIssuer;
    result.audience = kAudience;
    result.clock = [this] { return now_; };
    return result;
  }
  TokenVerifier hs256_verifier() {
    return TokenVerifier({VerificationKey{"local", Algorithm::kHS256, kSecret}}, options());
  }
  TokenMinter hs256_minter() {
    return TokenMinter(SigningKey{"local", Algorithm::kHS256, kSecret}, kIssuer, kAudience);
  }

  // Expects verify() to fail as unauthenticated with exactly `message`, and never to echo the
  // token (or its signature) back.
  void expect_rejected(const TokenVerifier& verifier, const std::string& authorization,
                       const std::string& message) {
    try {
      verifier.verify(authorization);
      ADD_FAILURE() << "accepted; expected \"" << message << "\"";
    } catch (const Error& error) {
      EXPECT_EQ(error.code(), ErrorCode::kUnauthenticated);
      EXPECT_EQ(std::string(error.what()), message);
      const std::size_t dot = authorization.rfind('.');
      if (dot != std::string::npos && authorization.size() - dot > 8) {
        EXPECT_EQ(std::string(error.what()).find(authorization.substr(dot + 1)), std::string::npos);
      }
      EXPECT_EQ(std::string(error.what()).find("eyJ"), std::string::npos);
    }
  }

  static inline KeyFiles* files_ = nullptr;
  static inline PemPair* rsa_ = nullptr;
  static inline PemPair* ec_ = nullptr;
  system_clock::time_point now_ = system_clock::now();
};

Principal officer() {
  Principal principal;
  principal.subject = "officer-17";
  principal.role = Role::kCommuneOfficer;
  principal.unit_codes = {"26242", "26236"};
  principal.organisation_id = "hoi-lhpn-dinh-quan";
  return principal;
}

// ---- roles and names -----------------------------------------------------------------------

TEST(RoleTest, NamesRoundTrip) {
  for (Role role : {Role::kDistrictOffice, Role::kCommuneOfficer, Role::kSocialAffairsOfficer,
                    Role::kMemberOrganisation, Role::kAgency, Role::kAuditor, Role::kIntegration,
                    Role::kPublic, Role::kService}) {
    EXPECT_EQ(parse_role(role_name(role)), role) << role_name(role);
  }
  EXPECT_EQ(role_name(Role::kSocialAffairsOfficer), "social_affairs_officer");
  EXPECT_EQ(parse_role("Auditor"), std::nullopt);
  EXPECT_EQ(parse_role("admin"), std::nullopt);
  EXPECT_EQ(parse_role(""), std::nullopt);
}

TEST(AlgorithmTest, Names) {
  EXPECT_EQ(algorithm_name(Algorithm::kHS256), "HS256");
  EXPECT_EQ(algorithm_name(Algorithm::kRS256), "RS256");
  EXPECT_EQ(algorithm_name(Algorithm::kES256), "ES256");
}

// ---- success -------------------------------------------------------------------------------

TEST_F(TokenVerifierTest, AcceptsAMintedTokenWithUnitsAndOrganisation) {
  const std::string token = hs256_minter().mint(officer(), hours{8});
  const Principal principal = hs256_verifier().verify("Bearer " + token);
  EXPECT_EQ(principal.subject, "officer-17");
  EXPECT_EQ(principal.role, Role::kCommuneOfficer);
  EXPECT_EQ(principal.unit_codes, (std::vector<std::string>{"26242", "26236"}));
  EXPECT_EQ(principal.organisation_id, "hoi-lhpn-dinh-quan");
  EXPECT_EQ(principal.token_id.size(), 32u);
  EXPECT_EQ(principal.token_id.find_first_not_of("0123456789abcdef"), std::string::npos);
  const auto ttl = principal.expires_at - system_clock::now();
  EXPECT_GT(ttl, hours{8} - seconds{60});
  EXPECT_LE(ttl, hours{8});
}

TEST_F(TokenVerifierTest, EveryMintedTokenHasItsOwnId) {
  const TokenVerifier verifier = hs256_verifier();
  const TokenMinter minter = hs256_minter();
  EXPECT_NE(verifier.verify("Bearer " + minter.mint(officer(), hours{1})).token_id,
            verifier.verify("Bearer " + minter.mint(officer(), hours{1})).token_id);
}

TEST_F(TokenVerifierTest, SchemeIsCaseInsensitive) {
  const std::string token = hs256_minter().mint(officer(), hours{1});
  EXPECT_EQ(hs256_verifier().verify("bearer " + token).subject, "officer-17");
  EXPECT_EQ(hs256_verifier().verify("BEARER   " + token + " ").subject, "officer-17");
}

TEST_F(TokenVerifierTest, MissingUnitsAndOrganisationReadAsNone) {
  json claims = valid_claims(now_);
  claims.erase("units");
  const Principal principal =
      hs256_verifier().verify("Bearer " + sign_raw(claims, JWT_ALG_HS256, kSecret));
  EXPECT_TRUE(principal.unit_codes.empty());
  EXPECT_TRUE(principal.organisation_id.empty());
  EXPECT_TRUE(principal.token_id.empty());
}

TEST_F(TokenVerifierTest, AcceptsAnAudienceArrayThatContainsOurs) {
  json claims = valid_claims(now_);
  claims["aud"] = {"reporting", kAudience};
  EXPECT_NO_THROW(hs256_verifier().verify("Bearer " + sign_raw(claims, JWT_ALG_HS256, kSecret)));
}

TEST_F(TokenVerifierTest, PicksTheKeyNamedByKid) {
  const TokenVerifier verifier({VerificationKey{"old", Algorithm::kHS256, kOtherSecret},
                                VerificationKey{"local", Algorithm::kHS256, kSecret}},
                               options());
  EXPECT_EQ(verifier.verify("Bearer " + hs256_minter().mint(officer(), hours{1})).subject,
            "officer-17");
}

TEST_F(TokenVerifierTest, WithoutKidTriesEveryKeyOfTheTokensAlgorithm) {
  const TokenVerifier verifier({VerificationKey{"rsa", Algorithm::kRS256, rsa_->public_pem},
                                VerificationKey{"old", Algorithm::kHS256, kOtherSecret},
                                VerificationKey{"local", Algorithm::kHS256, kSecret}},
                               options());
  const std::string token = sign_raw(valid_claims(now_), JWT_ALG_HS256, kSecret, std::nullopt);
  EXPECT_EQ(verifier.verify("Bearer " + token).subject, "officer-17");
}

TEST_F(TokenVerifierTest, ToleratesClockSkewWithinTheLeeway) {
  const std::string token = hs256_minter().mint(officer(), hours{1});
  now_ = system_clock::now() + hours{1} + seconds{10};  // expired 10 s ago; leeway is 30 s
  EXPECT_NO_THROW(hs256_verifier().verify("Bearer " + token));
}

TEST_F(TokenVerifierTest, Rs256RoundTripThroughKeyFiles) {
  const std::string private_path = files_->write("rsa-private.pem", rsa_->private_pem);
  const std::string public_path = files_->write("rsa-public.pem", rsa_->public_pem);
  const SigningKey signing = load_signing_key("kid=prod-1,alg=RS256,file=" + private_path);
  EXPECT_EQ(signing.key_id, "prod-1");
  EXPECT_EQ(signing.algorithm, Algorithm::kRS256);
  const VerificationKey verification =
      load_verification_key("kid=prod-1,alg=RS256,file=" + public_path + ",roles=commune_officer");
  const std::string token =
      TokenMinter(signing, kIssuer, kAudience).mint(officer(), std::chrono::minutes{5});
  const TokenVerifier verifier({verification}, options());
  const Principal principal = verifier.verify("Bearer " + token);
  EXPECT_EQ(principal.role, Role::kCommuneOfficer);
  EXPECT_EQ(principal.unit_codes, officer().unit_codes);
}

// ---- which key may sign what --------------------------------------------------------------

TEST_F(TokenVerifierTest, EachKeySignsOnlyItsRolesAndIssuers) {
  // The issuer's key for officers, donation's own key for its service tokens.
  const VerificationKey officers{"issuer", Algorithm::kHS256, kSecret, {Role::kCommuneOfficer}};
  const VerificationKey donation{
      "donation", Algorithm::kHS256, kOtherSecret, {Role::kService}, {"donation"}};
  VerifierOptions opts = options();
  opts.service_audience = "household-review";
  const TokenVerifier verifier({officers, donation}, opts);
  const TokenMinter officer_minter(SigningKey{"issuer", Algorithm::kHS256, kSecret}, kIssuer,
                                   kAudience);
  const TokenMinter donation_minter(SigningKey{"donation", Algorithm::kHS256, kOtherSecret},
                                    "donation", "");
  Principal service;
  service.subject = "service:donation";
  service.role = Role::kService;
  service.methods = {"GetEligibility"};

  EXPECT_EQ(verifier.verify("Bearer " + officer_minter.mint(officer(), hours{1})).role,
            Role::kCommuneOfficer);
  EXPECT_EQ(verifier.verify("Bearer " + donation_minter.mint(service, hours{1}, "household-review"))
                .methods,
            std::vector<std::string>{"GetEligibility"});

  // A role the key may not sign for: the officers' key makes a service token, donation's key
  // an officer's token, the officers' key a role it does not list.
  expect_rejected(
      verifier,
      "Bearer " + TokenMinter(SigningKey{"issuer", Algorithm::kHS256, kSecret}, "donation", "")
                      .mint(service, hours{1}, "household-review"),
      "token role not accepted for its key");
  expect_rejected(verifier,
                  "Bearer " + TokenMinter(SigningKey{"donation", Algorithm::kHS256, kOtherSecret},
                                          "donation", kAudience)
                                  .mint(officer(), hours{1}),
                  "token role not accepted for its key");
  Principal auditor = officer();
  auditor.role = Role::kAuditor;
  expect_rejected(verifier, "Bearer " + officer_minter.mint(auditor, hours{1}),
                  "token role not accepted for its key");
  // An issuer the key may not sign for.
  expect_rejected(
      verifier,
      "Bearer " + TokenMinter(SigningKey{"donation", Algorithm::kHS256, kOtherSecret}, kIssuer, "")
                      .mint(service, hours{1}, "household-review"),
      "token issuer not accepted");
}

TEST_F(TokenVerifierTest, ServiceTokenNamesThisServiceItsIssuerAndItsMethods) {
  const VerificationKey donation{
      "donation", Algorithm::kHS256, kOtherSecret, {Role::kService}, {"donation"}};
  VerifierOptions opts = options();
  opts.service_audience = "household-review";
  const TokenVerifier verifier({donation}, opts);
  const TokenMinter minter(SigningKey{"donation", Algorithm::kHS256, kOtherSecret}, "donation", "");
  Principal service;
  service.subject = "service:donation";
  service.role = Role::kService;
  service.methods = {"GetEligibility"};
  // The old shared audience, another service's, none.
  expect_rejected(verifier, "Bearer " + minter.mint(service, hours{1}, "vnn"),
                  "token audience not accepted");
  expect_rejected(verifier, "Bearer " + minter.mint(service, hours{1}, "donation"),
                  "token audience not accepted");
  expect_rejected(verifier, "Bearer " + minter.mint(service, hours{1}, ""),
                  "token audience not accepted");
  // A service that does not know its own name accepts no service token.
  expect_rejected(TokenVerifier({donation}, options()),
                  "Bearer " + minter.mint(service, hours{1}, "household-review"),
                  "token audience not accepted");
  Principal other = service;
  other.subject = "service:household-review";
  expect_rejected(verifier, "Bearer " + minter.mint(other, hours{1}, "household-review"),
                  "token subject does not match its issuer");
  Principal unscoped = service;
  unscoped.methods.clear();
  expect_rejected(verifier, "Bearer " + minter.mint(unscoped, hours{1}, "household-review"),
                  "service token has no scope");
  // A key built without roles signs every role but service.
  const TokenVerifier open_key({VerificationKey{"donation", Algorithm::kHS256, kOtherSecret}},
                               opts);
  expect_rejected(open_key, "Bearer " + minter.mint(service, hours{1}, "household-review"),
                  "token role not accepted for its key");
}

TEST_F(TokenVerifierTest, Es256RoundTripThroughKeyFiles) {
  const std::string private_path = files_->write("ec-private.pem", ec_->private_pem);
  const std::string public_path = files_->write("ec-public.pem", ec_->public_pem);
  const SigningKey signing = load_signing_key("kid=prod-ec,alg=ES256,file=" + private_path);
  const VerificationKey verification = load_verification_key(
      "kid=prod-ec,alg=ES256,file=" + public_path + ",roles=service,iss=donation");
  EXPECT_EQ(verification.roles, std::vector<Role>{Role::kService});
  EXPECT_EQ(verification.issuers, std::vector<std::string>{"donation"});
  Principal service;
  service.subject = "service:donation";
  service.role = Role::kService;
  service.methods = {"GetEligibility"};
  const std::string token =
      TokenMinter(signing, "donation", "").mint(service, hours{1}, "household-review");
  VerifierOptions for_household_review = options();
  for_household_review.service_audience = "household-review";
  const Principal principal =
      TokenVerifier({verification}, for_household_review).verify("Bearer " + token);
  EXPECT_EQ(principal.subject, "service:donation");
  EXPECT_EQ(principal.role, Role::kService);
  EXPECT_EQ(principal.methods, std::vector<std::string>{"GetEligibility"});
  EXPECT_TRUE(principal.unit_codes.empty());

  // The same token with one signature byte changed is refused.
  std::string tampered = token;
  tampered[tampered.size() - 5] = tampered[tampered.size() - 5] == 'A' ? 'B' : 'A';
  expect_rejected(TokenVerifier({verification}, for_household_review), "Bearer " + tampered,
                  "token signature invalid");
}

// ---- failures ------------------------------------------------------------------------------

TEST_F(TokenVerifierTest, RejectsAMissingHeader) {
  expect_rejected(hs256_verifier(), "", "missing bearer token");
  expect_rejected(hs256_verifier(), "   ", "missing bearer token");
  expect_rejected(hs256_verifier(), "Bearer", "missing bearer token");
  expect_rejected(hs256_verifier(), "Bearer   ", "missing bearer token");
}

TEST_F(TokenVerifierTest, RejectsAnotherScheme) {
  const std::string token = hs256_minter().mint(officer(), hours{1});
  expect_rejected(hs256_verifier(), "Basic dXNlcjpwYXNz", "authorization scheme is not Bearer");
  expect_rejected(hs256_verifier(), "Token " + token, "authorization scheme is not Bearer");
  expect_rejected(hs256_verifier(), token, "authorization scheme is not Bearer");
}

TEST_F(TokenVerifierTest, RejectsGarbage) {
  for (const std::string& garbage : std::vector<std::string>{
           "not-a-jwt", "a.b", "a.b.c.d", "....", "!!!.???.***", "eyJhbGciOiJIUzI1NiJ9..sig",
           base64url("[1,2]") + "." + base64url("{}") + ".c2ln",
           base64url(R"({"alg":"HS256"})") + "." + base64url("not json") + ".c2ln",
           base64url(R"({"alg":"HS256"})") + "." + base64url("{}") + ".c2ln with space",
           std::string(20000, 'a') + ".b.c"}) {
    expect_rejected(hs256_verifier(), "Bearer " + garbage, "malformed bearer token");
  }
}

TEST_F(TokenVerifierTest, RejectsAnExpiredToken) {
  const std::string token = hs256_minter().mint(officer(), hours{1});
  now_ = system_clock::now() + hours{2};
  expect_rejected(hs256_verifier(), "Bearer " + token, "token expired");
}

TEST_F(TokenVerifierTest, RejectsATokenWithoutExpiry) {
  json claims = valid_claims(now_);
  claims.erase("exp");
  expect_rejected(hs256_verifier(), "Bearer " + sign_raw(claims, JWT_ALG_HS256, kSecret),
                  "token has no expiry");
}

TEST_F(TokenVerifierTest, RejectsATokenNotYetValid) {
  json claims = valid_claims(now_);
  claims["nbf"] = unix_seconds(now_ + std::chrono::minutes{10});
  const std::string token = sign_raw(claims, JWT_ALG_HS256, kSecret);
  expect_rejected(hs256_verifier(), "Bearer " + token, "token not yet valid");
  now_ += std::chrono::minutes{11};
  EXPECT_NO_THROW(hs256_verifier().verify("Bearer " + token));
}

// ---- verified tokens remembered -------------------------------------------------------------

TEST_F(TokenVerifierTest, ARememberedTokenStillExpires) {
  const TokenVerifier verifier = hs256_verifier();
  const std::string token = hs256_minter().mint(officer(), seconds{10});
  EXPECT_EQ(verifier.verify("Bearer " + token).subject, "officer-17");
  EXPECT_EQ(verifier.remembered(), 1u);
  now_ += seconds{20};  // expired 10 s ago, within the 30 s leeway
  EXPECT_EQ(verifier.verify("Bearer " + token).subject, "officer-17");
  EXPECT_EQ(verifier.remembered(), 1u);
  now_ += seconds{25};  // past the leeway; remembered 45 s ago, within remember_for (60 s)
  expect_rejected(verifier, "Bearer " + token, "token expired");
}

TEST_F(TokenVerifierTest, OnlyTokensThatPassAreRememberedEachWithItsOwnPrincipal) {
  const TokenVerifier verifier = hs256_verifier();
  expect_rejected(verifier, "Bearer " + sign_raw(valid_claims(now_), JWT_ALG_HS256, kOtherSecret),
                  "token signature invalid");
  EXPECT_EQ(verifier.remembered(), 0u);
  Principal auditor = officer();
  auditor.subject = "auditor-3";
  auditor.role = Role::kAuditor;
  const std::string a = hs256_minter().mint(officer(), hours{1});
  const std::string b = hs256_minter().mint(auditor, hours{1});
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(verifier.verify("Bearer " + a).role, Role::kCommuneOfficer);
    EXPECT_EQ(verifier.verify("Bearer " + b).role, Role::kAuditor);
  }
  EXPECT_EQ(verifier.remembered(), 2u);
}

TEST_F(TokenVerifierTest, RemembersAtMostTheConfiguredNumberOfTokens) {
  auto bounded = options();
  bounded.remember_at_most = 3;
  const TokenVerifier verifier({VerificationKey{"local", Algorithm::kHS256, kSecret}}, bounded);
  for (int i = 0; i < 10; ++i) {
    Principal p = officer();
    p.subject = "officer-" + std::to_string(i);
    EXPECT_EQ(verifier.verify("Bearer " + hs256_minter().mint(p, hours{1})).subject, p.subject);
    EXPECT_LE(verifier.remembered(), 3u);
  }
  auto never = options();
  never.remember_for = seconds{0};
  const TokenVerifier forgetful({VerificationKey{"local", Algorithm::kHS256, kSecret}}, never);
  EXPECT_NO_THROW(forgetful.verify("Bearer " + hs256_minter().mint(officer(), hours{1})));
  EXPECT_EQ(forgetful.remembered(), 0u);
}

TEST_F(TokenVerifierTest, RejectsAWrongSignature) {
  expect_rejected(hs256_verifier(),
                  "Bearer " + sign_raw(valid_claims(now_), JWT_ALG_HS256, kOtherSecret),
                  "token signature invalid");
}

TEST_F(TokenVerifierTest, RejectsAlteredClaims) {
  const std::string token = hs256_minter().mint(officer(), hours{1});
  const std::size_t first = token.find('.');
  const std::size_t second = token.find('.', first + 1);
  json claims = valid_claims(now_);
  claims["role"] = "auditor";
  const std::string forged =
      token.substr(0, first + 1) + base64url(claims.dump()) + token.substr(second);
  expect_rejected(hs256_verifier(), "Bearer " + forged, "token signature invalid");
}

TEST_F(TokenVerifierTest, RejectsAnUnknownKid) {
  expect_rejected(hs256_verifier(),
                  "Bearer " + sign_raw(valid_claims(now_), JWT_ALG_HS256, kSecret, "someone-else"),
                  "token key id not accepted");
}

TEST_F(TokenVerifierTest, RejectsAlgNone) {
  const json claims = valid_claims(now_);
  expect_rejected(hs256_verifier(), "Bearer " + assemble({{"alg", "none"}, {"typ", "JWT"}}, claims),
                  "token algorithm not accepted");
  expect_rejected(hs256_verifier(),
                  "Bearer " + assemble({{"alg", "none"}, {"kid", "local"}}, claims, "c2ln"),
                  "token algorithm not accepted");
  expect_rejected(hs256_verifier(), "Bearer " + assemble({{"alg", "NONE"}}, claims),
                  "token algorithm not accepted");
}

TEST_F(TokenVerifierTest, RejectsAlgorithmsWeDoNotUse) {
  expect_rejected(hs256_verifier(),
                  "Bearer " + sign_raw(valid_claims(now_), JWT_ALG_HS512, kSecret),
                  "token algorithm not accepted");
}

TEST_F(TokenVerifierTest, RejectsAnHs256TokenAgainstAnRs256Key) {
  // The classic confusion: the attacker "signs" with the public key as an HMAC secret.
  const TokenVerifier verifier({VerificationKey{"local", Algorithm::kRS256, rsa_->public_pem}},
                               options());
  expect_rejected(verifier,
                  "Bearer " + sign_raw(valid_claims(now_), JWT_ALG_HS256, rsa_->public_pem),
                  "token algorithm not accepted");
}

TEST_F(TokenVerifierTest, RejectsAnRs256TokenSignedByAnotherKey) {
  const PemPair other = generate(/*rsa=*/true);
  const TokenVerifier verifier({VerificationKey{"local", Algorithm::kRS256, rsa_->public_pem}},
                               options());
  expect_rejected(verifier,
                  "Bearer " + sign_raw(valid_claims(now_), JWT_ALG_RS256, other.private_pem),
                  "token signature invalid");
}

TEST_F(TokenVerifierTest, RejectsABadIssuer) {
  json claims = valid_claims(now_);
  claims["iss"] = "somewhere-else";
  expect_rejected(hs256_verifier(), "Bearer " + sign_raw(claims, JWT_ALG_HS256, kSecret),
                  "token issuer not accepted");
  claims.erase("iss");
  expect_rejected(hs256_verifier(), "Bearer " + sign_raw(claims, JWT_ALG_HS256, kSecret),
                  "token issuer not accepted");
}

TEST_F(TokenVerifierTest, RejectsABadAudience) {
  json claims = valid_claims(now_);
  claims["aud"] = "another-system";
  expect_rejected(hs256_verifier(), "Bearer " + sign_raw(claims, JWT_ALG_HS256, kSecret),
                  "token audience not accepted");
  claims["aud"] = {"reporting", "allocation"};
  expect_rejected(hs256_verifier(), "Bearer " + sign_raw(claims, JWT_ALG_HS256, kSecret),
                  "token audience not accepted");
  claims.erase("aud");
  expect_rejected(hs256_verifier(), "Bearer " + sign_raw(claims, JWT_ALG_HS256, kSecret),
                  "token audience not accepted");
}

TEST_F(TokenVerifierTest, IssuerAndAudienceAreOptionalChecks) {
  json claims = valid_claims(now_);
  claims.erase("iss");
  claims.erase("aud");
  VerifierOptions lenient;
  lenient.clock = [this] { return now_; };
  const TokenVerifier verifier({VerificationKey{"local", Algorithm::kHS256, kSecret}}, lenient);
  EXPECT_NO_THROW(verifier.verify("Bearer " + sign_raw(claims, JWT_ALG_HS256, kSecret)));
}

TEST_F(TokenVerifierTest, RejectsAMissingOrUnknownRole) {
  json claims = valid_claims(now_);
  claims.erase("role");
  expect_rejected(hs256_verifier(), "Bearer " + sign_raw(claims, JWT_ALG_HS256, kSecret),
                  "token has no valid role");
  claims["role"] = "administrator";
  expect_rejected(hs256_verifier(), "Bearer " + sign_raw(claims, JWT_ALG_HS256, kSecret),
                  "token has no valid role");
  claims["role"] = 3;
  expect_rejected(hs256_verifier(), "Bearer " + sign_raw(claims, JWT_ALG_HS256, kSecret),
                  "token has no valid role");
}

TEST_F(TokenVerifierTest, WithoutKeysRejectsEveryToken) {
  const TokenVerifier verifier({}, options());
  expect_rejected(verifier, "Bearer " + hs256_minter().mint(officer(), hours{1}),
                  "tokens are not accepted here");
  expect_rejected(verifier, "", "missing bearer token");
}

TEST_F(TokenVerifierTest, RejectsAMissingSubject) {
  json claims = valid_claims(now_);
  claims["sub"] = "";
  expect_rejected(hs256_verifier(), "Bearer " + sign_raw(claims, JWT_ALG_HS256, kSecret),
                  "token has no subject");
  claims.erase("sub");
  expect_rejected(hs256_verifier(), "Bearer " + sign_raw(claims, JWT_ALG_HS256, kSecret),
                  "token has no subject");
}

TEST_F(TokenVerifierTest, RejectsMalformedUnits) {
  json claims = valid_claims(now_);
  claims["units"] = "26242";
  expect_rejected(hs256_verifier(), "Bearer " + sign_raw(claims, JWT_ALG_HS256, kSecret),
                  "token claims malformed");
  claims["units"] = {26242};
  expect_rejected(hs256_verifier(), "Bearer " + sign_raw(claims, JWT_ALG_HS256, kSecret),
                  "token claims malformed");
}

// ---- key specs -----------------------------------------------------------------------------

std::string invalid_argument_message(const std::function<void()>& call) {
  try {
    call();
  } catch (const std::invalid_argument& error) {
    return error.what();
  }
  return "(no error)";
}

TEST_F(TokenVerifierTest, LoadsAnHs256KeyWithoutItsFinalNewline) {
  const std::string path = files_->write("hs.key", std::string(kSecret) + "\n");
  const VerificationKey key =
      load_verification_key("kid=local,alg=HS256,file=" + path + ",roles=auditor|district_office");
  EXPECT_EQ(key.roles, (std::vector<Role>{Role::kAuditor, Role::kDistrictOffice}));
  EXPECT_TRUE(key.issuers.empty());
  // Folded over lines, as in a YAML ConfigMap.
  const VerificationKey folded = load_verification_key(" kid=local, alg=HS256,\n file=" + path +
                                                       ",\n roles=auditor | district_office ");
  EXPECT_EQ(folded.key, kSecret);
  EXPECT_EQ(folded.roles, key.roles);
  EXPECT_EQ(key.key_id, "local");
  EXPECT_EQ(key.algorithm, Algorithm::kHS256);
  EXPECT_EQ(key.key, kSecret);
}

TEST_F(TokenVerifierTest, KeySpecErrorsNameTheProblem) {
  const std::string hs = files_->write("hs-spec.key", kSecret);
  const std::string empty = files_->write("empty.key", "\n");
  const std::string short_key = files_->write("short.key", "secret");
  const std::string rsa_public = files_->write("spec-rsa-public.pem", rsa_->public_pem);
  const std::string rsa_private = files_->write("spec-rsa-private.pem", rsa_->private_pem);
  const std::string missing = files_->path("does-not-exist.key");

  const struct {
    std::string spec;
    std::string expected;
  } cases[] = {
      {"kid=local,alg=HS512,file=" + hs, "unknown alg \"HS512\""},
      {"kid=local,file=" + hs, "missing alg"},
      {"kid=local,alg=HS256", "missing file"},
      {"kid=local,alg=HS256,file=", "missing file"},
      {"kid=local,alg=HS256,file=" + missing + ",roles=auditor", "cannot read key file " + missing},
      {"kid=local,alg=HS256,file=" + empty + ",roles=auditor", "is empty"},
      {"kid=local,alg=HS256,file=" + short_key + ",roles=auditor", "too short for HS256"},
      {"kid=local,alg=HS256,colour=red,file=" + hs, "unknown field \"colour\""},
      {"kid=local,alg=HS256,alg=HS256,file=" + hs, "given twice"},
      {"kid=local,alg=HS256,file=" + hs, "missing roles"},
      {"kid=local,alg=HS256,file=" + hs + ",roles=", "roles is empty"},
      {"kid=local,alg=HS256,file=" + hs + ",roles=admin", "unknown role \"admin\""},
      {"kid=local,alg=HS256,file=" + hs + ",roles=service|district_office",
       "a key for role service may sign for no other role"},
      {"kid=local,alg=HS256,file=" + hs + ",roles=auditor,iss=", "iss is empty"},
      {"local,HS256," + hs, "is not name=value"},
      {"", "empty"},
      {"kid=local,alg=ES256,file=" + rsa_public + ",roles=auditor", "not a P-256 EC public key"},
      {"kid=local,alg=RS256,file=" + rsa_private + ",roles=auditor", "not an RSA public key"},
      {"kid=local,alg=RS256,file=" + hs + ",roles=auditor", "not an RSA public key"},
  };
  for (const auto& c : cases) {
    const std::string message = invalid_argument_message([&] { load_verification_key(c.spec); });
    EXPECT_NE(message.find(c.expected), std::string::npos) << c.spec << " → " << message;
    EXPECT_EQ(message.find('\n'), std::string::npos) << message;
    EXPECT_EQ(message.find(kSecret), std::string::npos) << message;
    EXPECT_EQ(message.find("BEGIN"), std::string::npos) << message;
  }
  // A signing key must be private; a public key file is refused.
  const std::string message =
      invalid_argument_message([&] { load_signing_key("kid=prod,alg=RS256,file=" + rsa_public); });
  EXPECT_NE(message.find("not an RSA unencrypted private key"), std::string::npos) << message;
}

TEST_F(TokenVerifierTest, RefusesAnEncryptedSigningKeyWithoutPrompting) {
  std::unique_ptr<BIO, BioDeleter> source(
      BIO_new_mem_buf(ec_->private_pem.data(), static_cast<int>(ec_->private_pem.size())));
  std::unique_ptr<EVP_PKEY, PkeyDeleter> key(
      PEM_read_bio_PrivateKey(source.get(), nullptr, nullptr, nullptr));
  ASSERT_NE(key, nullptr);
  std::unique_ptr<BIO, BioDeleter> out(BIO_new(BIO_s_mem()));
  char passphrase[] = "passphrase";
  ASSERT_EQ(
      PEM_write_bio_PKCS8PrivateKey(out.get(), key.get(), EVP_aes_256_cbc(), passphrase,
                                    static_cast<int>(sizeof passphrase - 1), nullptr, nullptr),
      1);
  const std::string path = files_->write("encrypted.pem", bio_text(out.get()));
  const std::string message =
      invalid_argument_message([&] { load_signing_key("kid=prod,alg=ES256,file=" + path); });
  EXPECT_NE(message.find("not a P-256 EC unencrypted private key"), std::string::npos) << message;
}

TEST(TokenMinterTest, RefusesANonPositiveTtlAndAnEmptySubject) {
  const TokenMinter minter(SigningKey{"local", Algorithm::kHS256, kSecret}, kIssuer, kAudience);
  EXPECT_THROW(minter.mint(officer(), seconds{0}), std::invalid_argument);
  Principal nobody = officer();
  nobody.subject.clear();
  EXPECT_THROW(minter.mint(nobody, hours{1}), std::invalid_argument);
}

TEST(TokenMinterTest, WritesTheDocumentedClaims) {
  const TokenMinter minter(SigningKey{"local", Algorithm::kHS256, kSecret}, kIssuer, kAudience);
  const std::string token = minter.mint(officer(), hours{8});
  jwt_t* raw = nullptr;
  ASSERT_EQ(jwt_decode(&raw, token.c_str(), reinterpret_cast<const unsigned char*>(kSecret),
                       static_cast<int>(std::string_view(kSecret).size())),
            0);
  std::unique_ptr<jwt_t, JwtDeleter> jwt(raw);
  EXPECT_STREQ(jwt_get_header(jwt.get(), "kid"), "local");
  std::unique_ptr<char, decltype(&free)> grants(jwt_get_grants_json(jwt.get(), nullptr), &free);
  const json claims = json::parse(grants.get());
  EXPECT_EQ(claims["iss"], kIssuer);
  EXPECT_EQ(claims["aud"], kAudience);
  EXPECT_EQ(claims["sub"], "officer-17");
  EXPECT_EQ(claims["role"], "commune_officer");
  EXPECT_EQ(claims["units"], json({"26242", "26236"}));
  EXPECT_EQ(claims["org"], "hoi-lhpn-dinh-quan");
  EXPECT_EQ(claims["exp"].get<long>() - claims["iat"].get<long>(), 8 * 3600);
  EXPECT_EQ(claims["jti"].get<std::string>().size(), 32u);
}

}  // namespace
}  // namespace vnn::platform::auth
