#pragma once
// The officers who play the campaign, as bearer tokens signed with the local issuer's key (the
// key development tokens are minted with): a commune officer per commune makes its list and
// proposes support, two district officers (maker and checker) review, approve and hand over.
// Tokens are minted once per officer and reused.

#include <chrono>
#include <map>
#include <mutex>
#include <string>

#include "vnn/platform/auth/principal.h"
#include "vnn/platform/auth/token_minter.h"

namespace vnn::campaign {

class Officers {
 public:
  // `signing_key`: "kid=…,alg=…,file=…" (platform/auth/token_minter.h).
  Officers(const std::string& signing_key, std::string issuer, std::string district_code);

  std::string district_maker();    // "Bearer …" of the district office's first officer
  std::string district_checker();  // a second district officer: approves what the first asked
  std::string commune(const std::string& unit_code);  // the commune's Front officer
  std::string auditor();
  std::string public_reader();  // anyone: what is made public

 private:
  std::string bearer(platform::auth::Role role, const std::string& unit_code,
                     const std::string& subject);

  platform::auth::TokenMinter minter_;
  std::string district_code_;
  std::mutex mutex_;
  std::map<std::string, std::string> tokens_;  // by subject
};

}  // namespace vnn::campaign
