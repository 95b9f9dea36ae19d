#pragma once
// Generates the seed's campaign (scenario.h): Định Quán district, 03/02–19/05/2024, its 14
// communes and township with their real codes and names, the district fund and its account
// from the plan, commune funds, member organisations and agencies, targets per commune, and
// realistic invented people, households and gifts. The same options give the same scenario.

#include <cstdint>

#include "scenario/scenario.h"

namespace vnn::campaign {

struct GeneratorOptions {
  std::uint64_t seed = 20240203;
  int donors = 1200;     // at least this many donors, payroll staff lines included
  int households = 320;  // households on the communes' lists
};

Scenario generate(const GeneratorOptions& options);

}  // namespace vnn::campaign
