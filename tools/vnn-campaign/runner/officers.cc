#include "runner/officers.h"

#include <utility>

namespace vnn::campaign {

namespace auth = platform::auth;

namespace {
// Long enough for the slowest run (the fault-injection test restarts every server), short
// enough that a token left in a terminal stops working the same day.
constexpr std::chrono::hours kTokenLifetime{4};
}  // namespace

Officers::Officers(const std::string& signing_key, std::string issuer, std::string district_code)
    : minter_(auth::load_signing_key(signing_key), std::move(issuer), "vnn"),
      district_code_(std::move(district_code)) {}

std::string Officers::district_maker() {
  return bearer(auth::Role::kDistrictOffice, district_code_, "vp-mttq-huyen-" + district_code_);
}

std::string Officers::district_checker() {
  return bearer(auth::Role::kDistrictOffice, district_code_, "pct-mttq-huyen-" + district_code_);
}

std::string Officers::commune(const std::string& unit_code) {
  return bearer(auth::Role::kCommuneOfficer, unit_code, "cb-mttq-xa-" + unit_code);
}

std::string Officers::auditor() {
  return bearer(auth::Role::kAuditor, district_code_, "kiem-toan-huyen-" + district_code_);
}

std::string Officers::public_reader() { return bearer(auth::Role::kPublic, "", "cong-khai"); }

std::string Officers::bearer(auth::Role role, const std::string& unit_code,
                             const std::string& subject) {
  std::lock_guard lock(mutex_);
  auto found = tokens_.find(subject);
  if (found != tokens_.end()) return found->second;
  auth::Principal principal;
  principal.subject = subject;
  principal.role = role;
  if (!unit_code.empty()) principal.unit_codes = {unit_code};
  return tokens_[subject] = "Bearer " + minter_.mint(principal, kTokenLifetime);
}

}  // namespace vnn::campaign
