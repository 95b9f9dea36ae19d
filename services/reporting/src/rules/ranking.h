#pragma once
// Commendation: donors or mobilisers ranked by amount, ties by count (more gifts first), then
// by name and id, so the order is the same on every call.

#include <cstdint>
#include <string>
#include <vector>

namespace vnn::reporting::rules {

struct Ranked {
  std::string id;
  std::string name;
  std::string kind;
  std::string unit_code;
  std::int64_t count = 0;
  std::int64_t amount = 0;
  int rank = 0;  // set by rank(): 1, 2, … (equal amount and count share no rank: order is total)
};

// Sorts `entries`, keeps the first `limit`, and numbers them. Entries with nothing left (all
// reversed: amount and count zero or below) are not ranked.
std::vector<Ranked> rank(std::vector<Ranked> entries, int limit);

// The limit asked for: 0 (unset) → 20; above 200 → 200. Negative is the caller's error.
int commendation_limit(int requested);

}  // namespace vnn::reporting::rules
