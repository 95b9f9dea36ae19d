#include "runner/fund_keepers.h"

#include <stdexcept>

namespace vnn::campaign {

const Fund& fund_named(const Scenario& scenario, const std::string& fund_id) {
  for (const auto& fund : scenario.funds) {
    if (fund.id == fund_id) return fund;
  }
  throw std::out_of_range("the scenario has no fund " + fund_id);
}

std::string fund_keeper(Play& play, const std::string& fund_id) {
  const Fund& fund = fund_named(play.scenario, fund_id);
  if (fund.unit_code == play.scenario.campaign.unit_code) return play.officers.district_maker();
  return play.officers.commune(fund.unit_code);
}

}  // namespace vnn::campaign
