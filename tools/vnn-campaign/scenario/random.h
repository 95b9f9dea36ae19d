#pragma once
// The generator's only source of chance: a seeded std::mt19937_64, whose output the standard
// fixes, with uniform helpers of our own (std::uniform_int_distribution differs between standard
// libraries, and one seed must give one campaign everywhere).

#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

namespace vnn::campaign {

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : engine_(seed) {}

  // A whole number in [lo, hi], every value equally likely (rejection sampling).
  std::int64_t between(std::int64_t lo, std::int64_t hi);
  // True `percent` times in a hundred.
  bool chance(int percent) { return between(1, 100) <= percent; }
  // An index into weights, each chosen in proportion to its weight.
  std::size_t weighted(const std::vector<int>& weights);

  template <typename T>
  const T& pick(const std::vector<T>& items) {
    return items[static_cast<std::size_t>(between(0, static_cast<std::int64_t>(items.size()) - 1))];
  }

 private:
  std::mt19937_64 engine_;
};

}  // namespace vnn::campaign
