#include "vnn/platform/auth/scope.h"

#include <string>

#include "vnn/platform/errors.h"

namespace vnn::platform::auth {

bool may_act_for(const Principal& who, const units::AdminUnitTree& units,
                 std::string_view unit_code, const Date& date) {
  if (who.role == Role::kAuditor || who.role == Role::kService) return true;
  for (const auto& scope : who.unit_codes) {
    if (units.covers(scope, unit_code, date)) return true;
  }
  return false;
}

void require_unit(const Principal& who, const units::AdminUnitTree& units, std::string_view field,
                  std::string_view unit_code, const Date& date) {
  if (units.find(unit_code, date) == nullptr) {
    throw invalid_argument(
        std::string(field),
        "unknown administrative unit " + std::string(unit_code) + " on " + date.iso(),
        "không có đơn vị hành chính mã " + std::string(unit_code) + " vào ngày " +
            date.vietnamese());
  }
  if (!may_act_for(who, units, unit_code, date)) {
    throw not_in_scope("caller may not act for unit " + std::string(unit_code))
        .with_subject("unit/" + std::string(unit_code));
  }
}

}  // namespace vnn::platform::auth
