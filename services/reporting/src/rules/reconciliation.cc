#include "rules/reconciliation.h"

#include <set>

namespace vnn::reporting::rules {

void compare(const std::string& source, const Figures& theirs, const Figures& ours,
             Comparison& into) {
  std::set<FigureKey> keys;
  for (const auto& [key, amount] : theirs) keys.insert(key);
  for (const auto& [key, amount] : ours) keys.insert(key);
  for (const auto& key : keys) {
    const auto t = theirs.find(key);
    const auto o = ours.find(key);
    const std::int64_t their_amount = t == theirs.end() ? 0 : t->second;
    const std::int64_t our_amount = o == ours.end() ? 0 : o->second;
    ++into.figures_compared;
    if (their_amount != our_amount) {
      into.differences.push_back({source, key.first, key.second, their_amount, our_amount});
    }
  }
}

}  // namespace vnn::reporting::rules
