#pragma once
// Whom a caller may act for, as plain rules over the token's claims and the unit tree: a caller
// acting for a unit may act for the units below it, never beside or above it. Auditors and
// services act everywhere (auditors' methods only read).

#include <string_view>

#include "vnn/platform/auth/principal.h"
#include "vnn/platform/date.h"
#include "vnn/platform/units/admin_unit_tree.h"

namespace vnn::platform::auth {

bool may_act_for(const Principal& who, const units::AdminUnitTree& units,
                 std::string_view unit_code, const Date& date);

// INVALID_ARGUMENT on `field` for a unit unknown on `date`; PERMISSION_DENIED (NOT_IN_SCOPE)
// for a unit outside the caller's scope.
void require_unit(const Principal& who, const units::AdminUnitTree& units, std::string_view field,
                  std::string_view unit_code, const Date& date);

}  // namespace vnn::platform::auth
