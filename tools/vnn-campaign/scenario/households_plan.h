#pragma once
// The communes' lists and what the district decides on them: households across the communes
// (mostly temporary or non-durable housing, some meritorious members, some sudden hardship),
// a few planted duplicates across two communes, one list per commune (a few late, let through
// with a reason), reviews, assignments to member organisations, and the communes' results
// reports.

#include "scenario/identifiers.h"
#include "scenario/random.h"
#include "scenario/scenario.h"

namespace vnn::campaign {

// Needs the communes and mobilisers (plan_district). Fills households, submissions,
// duplicates, reviews and assignments.
void plan_households(Scenario& s, Rng& rng, Identifiers& ids, int count);
// Fills results_reports: most on time, two late, one commune never sends.
void plan_results_reports(Scenario& s, Rng& rng);

}  // namespace vnn::campaign
