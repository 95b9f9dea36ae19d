#pragma once
// What the approved households receive: gifts handed straight to a few of them (a business
// building one a house), and supports under the regulation (DQ-2024-01 for 2024 proposals) paid
// from the district and commune funds, the state budget, sponsors and the households
// themselves, each within its norm and within what its funds hold on its day; then how each
// ends, and the households that escaped poverty.

#include "scenario/random.h"
#include "scenario/scenario.h"

namespace vnn::campaign {

// Needs the donations and the reviews (plan_donations, plan_households). Adds the direct
// supports to donations, and fills supports and outcomes.
void plan_supports(Scenario& s, Rng& rng);

// DQ-2024-01's ceilings (services/allocation/data/regulation/norms.csv): for a house the fund
// parts, for another kind all parts together; 0: none.
std::int64_t norm_of(const std::string& kind);
// How many active supports of the kind one household may hold in a campaign.
int max_per_campaign(const std::string& kind);
// The sources DQ-2024-01 allows for the kind ("district_fund", …).
bool source_allowed(const std::string& kind, const std::string& source);

}  // namespace vnn::campaign
