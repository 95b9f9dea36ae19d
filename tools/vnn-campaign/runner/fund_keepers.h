#pragma once
// Who acts for a fund: the district office keeps the district's fund, a commune's Front officer
// keeps the commune's. The officer of the fund's unit records its donations.

#include <string>

#include "runner/play.h"

namespace vnn::campaign {

const Fund& fund_named(const Scenario& scenario, const std::string& fund_id);
std::string fund_keeper(Play& play, const std::string& fund_id);

}  // namespace vnn::campaign
