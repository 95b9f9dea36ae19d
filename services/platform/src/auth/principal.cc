#include "vnn/platform/auth/principal.h"

#include <array>
#include <utility>

namespace vnn::platform::auth {
namespace {

constexpr std::array<std::pair<Role, std::string_view>, 9> kRoleNames{{
    {Role::kDistrictOffice, "district_office"},
    {Role::kCommuneOfficer, "commune_officer"},
    {Role::kSocialAffairsOfficer, "social_affairs_officer"},
    {Role::kMemberOrganisation, "member_organisation"},
    {Role::kAgency, "agency"},
    {Role::kAuditor, "auditor"},
    {Role::kIntegration, "integration"},
    {Role::kPublic, "public"},
    {Role::kService, "service"},
}};

}  // namespace

std::string_view role_name(Role role) {
  for (const auto& [candidate, name] : kRoleNames) {
    if (candidate == role) return name;
  }
  return "unknown";
}

// Exact, case-sensitive match: a role is a security decision, so near misses are refused.
std::optional<Role> parse_role(std::string_view name) {
  for (const auto& [role, candidate] : kRoleNames) {
    if (candidate == name) return role;
  }
  return std::nullopt;
}

}  // namespace vnn::platform::auth
