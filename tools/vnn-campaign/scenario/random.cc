#include "scenario/random.h"

#include <limits>
#include <numeric>
#include <stdexcept>

namespace vnn::campaign {

std::int64_t Rng::between(std::int64_t lo, std::int64_t hi) {
  if (hi < lo) throw std::invalid_argument("Rng::between: empty range");
  const std::uint64_t span = static_cast<std::uint64_t>(hi - lo) + 1;
  if (span == 0) return static_cast<std::int64_t>(engine_());  // the whole 64-bit range
  // The largest multiple of span the engine can give: values past it would favour the low end.
  const std::uint64_t limit =
      std::numeric_limits<std::uint64_t>::max() - std::numeric_limits<std::uint64_t>::max() % span;
  std::uint64_t value = engine_();
  while (value >= limit) value = engine_();
  return lo + static_cast<std::int64_t>(value % span);
}

std::size_t Rng::weighted(const std::vector<int>& weights) {
  const int total = std::accumulate(weights.begin(), weights.end(), 0);
  std::int64_t roll = between(1, total);
  for (std::size_t i = 0; i < weights.size(); ++i) {
    roll -= weights[i];
    if (roll <= 0) return i;
  }
  return weights.size() - 1;
}

}  // namespace vnn::campaign
