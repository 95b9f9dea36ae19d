#pragma once
// Who is calling: the verified claims of a bearer token.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vnn::platform::auth {

// Roles from the architecture: who may do what is decided per method from these.
enum class Role {
  kDistrictOffice,        // district board's standing office (Văn phòng Ủy ban MTTQ huyện)
  kCommuneOfficer,        // commune / township board (Ban Thường trực Ủy ban MTTQ xã)
  kSocialAffairsOfficer,  // cán bộ LĐTB&XH, keeps the official poor-household lists
  kMemberOrganisation,    // Women's Union, Farmers' Association, …
  kAgency,                // an agency collecting from its staff
  kAuditor,               // reads everything, changes nothing
  kIntegration,           // another government system, scoped by configuration
  kPublic,                // disclosure only
  kService,               // another VNN service
};

// "district_office", "commune_officer", … as carried in the token's "role" claim.
std::string_view role_name(Role role);
std::optional<Role> parse_role(std::string_view name);

struct Principal {
  std::string subject;                  // "sub": the user or service id
  Role role = Role::kPublic;            // "role"
  std::vector<std::string> unit_codes;  // "units": administrative units the caller acts for
  std::string organisation_id;          // "org": member organisation or agency id, if any
  std::string token_id;                 // "jti", if any
  // "scope": for a service's token, the methods (short names, e.g. "GetEligibility") it was
  // issued for; a service may call nothing else. Empty for officers' tokens.
  std::vector<std::string> methods;
  std::chrono::system_clock::time_point expires_at{};
};

}  // namespace vnn::platform::auth
