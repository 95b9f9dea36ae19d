#pragma once
// Reconciliation: the owning services' own totals beside the same figures computed from the
// read models, and every figure where they differ, to the đồng. A figure either side lacks
// counts as zero on that side (a fund the read models never heard of is a difference, not a
// gap in the comparison).

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace vnn::reporting::rules {

// By (fund id, figure); fund id "" for a campaign-wide figure.
using FigureKey = std::pair<std::string, std::string>;
using Figures = std::map<FigureKey, std::int64_t>;

struct Difference {
  std::string source;  // "donation" or "allocation"
  std::string fund_id;
  std::string figure;
  std::int64_t theirs = 0;
  std::int64_t ours = 0;
  bool operator==(const Difference&) const = default;
};

struct Comparison {
  std::vector<Difference> differences;  // in (fund, figure) order
  std::int64_t figures_compared = 0;
};

// Compares every figure present on either side; adds to `into`.
void compare(const std::string& source, const Figures& theirs, const Figures& ours,
             Comparison& into);

// Sums figures into a map, so computing code reads as "add this to that".
inline void add(Figures& figures, const std::string& fund_id, const std::string& figure,
                std::int64_t amount) {
  figures[{fund_id, figure}] += amount;
}

}  // namespace vnn::reporting::rules
