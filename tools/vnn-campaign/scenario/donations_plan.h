#pragma once
// The money and goods the campaign raises: agencies' payroll lists of one day's wage, households'
// small cash contributions gathered by member organisations, individuals (cash and transfers),
// businesses (large transfers), organisations, anonymous cash, gifts in kind, pledges fulfilled
// later (one only in part), and two donations recorded wrong and reversed (one corrected).
// Transfers go only into the district fund, the one with an account, each with its own bank
// reference.

#include <string>

#include "scenario/identifiers.h"
#include "scenario/random.h"
#include "scenario/scenario.h"

namespace vnn::campaign {

// Needs funds and mobilisers (plan_district). `donors`: at least this many donations and
// payroll lines together.
void plan_donations(Scenario& s, Rng& rng, Identifiers& ids, int donors);

// The next donation key of the scenario ("don-0001", …), for the plans that add donations.
std::string next_donation_key(const Scenario& s);
// The day of the year (1 January is 1) of a 2024 date, for bank references.
int day_of_year(const platform::Date& date);

}  // namespace vnn::campaign
