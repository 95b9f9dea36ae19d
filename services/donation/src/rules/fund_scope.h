#pragma once
// Who may touch a fund: a caller acting for a unit acts for the funds of that unit and of the
// units below it — a commune officer records only for its own commune's fund, the district for
// its own fund and those below it; auditors and services act everywhere (auditors' methods only
// read). Every handler that touches a fund asks here: donation intake, reversal, pledges, fund
// creation and update, bulk import.

#include <string>
#include <string_view>

#include "vnn/platform/auth/principal.h"
#include "vnn/platform/date.h"
#include "vnn/platform/units/admin_unit_tree.h"

namespace vnn::donation::rules {

// INVALID_ARGUMENT on `field` when the fund's unit is unknown on `date`; PERMISSION_DENIED
// (NOT_IN_SCOPE, subject "unit/<code>") when the caller may not act for it. `date` is the day
// the act is about: a donation's received_on, a pledge's pledged_on, the fund's creation date.
void require_fund_scope(const platform::auth::Principal& who,
                        const platform::units::AdminUnitTree& units,
                        std::string_view fund_unit_code, const platform::Date& date,
                        std::string_view field);

// A bank statement is the fund's own record: agencies never import one (PERMISSION_DENIED).
void require_may_import_statement(const platform::auth::Principal& who);

// A payroll list collected by `agency_id` (a mobiliser of kind agency) for a fund: an agency
// imports only its own staff lists; everyone, agencies too, is held to the fund's scope
// (require_fund_scope), so an agency token naming no unit may record nothing.
void require_payroll_list_scope(const platform::auth::Principal& who,
                                const platform::units::AdminUnitTree& units,
                                std::string_view agency_id, std::string_view fund_unit_code,
                                const platform::Date& date, std::string_view field);

}  // namespace vnn::donation::rules
