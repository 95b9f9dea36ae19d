#pragma once
// Small helpers the benchmarks share for their figures: medians of rounds, wall-clock spans and
// numbers printed to a fixed precision.

#include <algorithm>
#include <chrono>
#include <iomanip>
#include <sstream>
#include <string>
#include <vector>

namespace vnn::testing {

using SteadyClock = std::chrono::steady_clock;

// The middle value (the upper one of an even count): rounds on a shared machine are noisy, and
// the median ignores one bad round where the mean would not.
inline double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values.empty() ? 0 : values[values.size() / 2];
}

inline double seconds_between(SteadyClock::time_point from, SteadyClock::time_point to) {
  return std::chrono::duration<double>(to - from).count();
}

inline std::string fixed(double value, int decimals) {
  std::ostringstream out;
  out << std::fixed << std::setprecision(decimals) << value;
  return out.str();
}

// The word a figure's line starts with, against its target.
inline std::string verdict(bool pass) { return pass ? "PASS" : "MISS"; }

}  // namespace vnn::testing
