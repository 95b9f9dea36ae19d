#include "scenario/generator.h"

#include "scenario/district_plan.h"
#include "scenario/donations_plan.h"
#include "scenario/households_plan.h"
#include "scenario/identifiers.h"
#include "scenario/random.h"
#include "scenario/supports_plan.h"

namespace vnn::campaign {

Scenario generate(const GeneratorOptions& options) {
  Scenario s;
  s.seed = options.seed;
  Rng rng(options.seed);
  Identifiers ids(rng);
  // The order matters: money before the supports it pays for, reviews before the households'
  // supports, supports before the targets that count their houses.
  plan_district(s);
  plan_donations(s, rng, ids, options.donors);
  plan_households(s, rng, ids, options.households);
  plan_supports(s, rng);
  plan_targets(s, rng);
  plan_results_reports(s, rng);
  return s;
}

}  // namespace vnn::campaign
