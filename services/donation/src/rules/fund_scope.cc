#include "rules/fund_scope.h"

#include "rules/reason_codes.h"
#include "vnn/platform/auth/scope.h"
#include "vnn/platform/errors.h"

namespace vnn::donation::rules {

using platform::auth::Role;

void require_fund_scope(const platform::auth::Principal& who,
                        const platform::units::AdminUnitTree& units,
                        std::string_view fund_unit_code, const platform::Date& date,
                        std::string_view field) {
  try {
    platform::auth::require_unit(who, units, field, fund_unit_code, date);
  } catch (platform::Error& e) {
    // The officer is told it is the fund that lies outside their unit, not just any unit.
    if (e.reason() == platform::reason::kNotInScope) {
      e.with_vietnamese("Quỹ thuộc đơn vị " + std::string(fund_unit_code) +
                        ", ngoài phạm vi đơn vị của cán bộ: chỉ ghi nhận cho quỹ của đơn vị mình "
                        "và các đơn vị cấp dưới");
    }
    throw;
  }
}

void require_may_import_statement(const platform::auth::Principal& who) {
  if (who.role == Role::kAgency) {
    throw platform::permission_denied("agencies import their staff lists only")
        .with_reason(reason::kAgencyImportsOwnLists)
        .with_vietnamese(
            "Cơ quan, đơn vị chỉ nhập danh sách trích lương của cán bộ mình, không "
            "nhập sao kê ngân hàng");
  }
}

void require_payroll_list_scope(const platform::auth::Principal& who,
                                const platform::units::AdminUnitTree& units,
                                std::string_view agency_id, std::string_view fund_unit_code,
                                const platform::Date& date, std::string_view field) {
  if (who.role == Role::kAgency) {
    if (who.organisation_id.empty() || who.organisation_id != agency_id) {
      throw platform::permission_denied("an agency imports only its own staff lists")
          .with_reason(reason::kAgencyImportsOwnLists)
          .with_vietnamese("Cơ quan, đơn vị chỉ nhập danh sách trích lương của cán bộ mình");
    }
    // And, like everyone, to the fund's unit: a token naming no unit records nothing.
  }
  require_fund_scope(who, units, fund_unit_code, date, field);
}

}  // namespace vnn::donation::rules
