#pragma once
// The district's side of the campaign as the seed gives it: Định Quán (736), its communes and
// township in force when the campaign starts (from the platform's embedded unit tree), the
// district fund with its account, a fund per commune, the Front's member organisations, the
// agencies collecting a day's wage, board members, and the campaign with its targets.

#include <string>

#include "scenario/random.h"
#include "scenario/scenario.h"

namespace vnn::campaign {

inline constexpr const char* kDistrictCode = "736";
inline constexpr const char* kDistrictFundId = "fund-736";

// Fills communes, funds, mobilisers and the campaign without its targets.
void plan_district(Scenario& s);
// The targets, once the households are known: money in proportion to the commune's households,
// houses as many as its houses planned (at least one).
void plan_targets(Scenario& s, Rng& rng);

// "fund-26242" for a commune, the district's for "736".
std::string fund_of(const std::string& unit_code);
// A household code's prefix for the commune, from its name without marks ("Xã Phú Túc" → "PT").
std::string commune_prefix(const Unit& unit);
// The member organisations, agencies and board members among the mobilisers.
std::vector<const Mobiliser*> mobilisers_of(const Scenario& s, MobiliserKind kind);

}  // namespace vnn::campaign
