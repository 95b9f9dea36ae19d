#include "rules/ranking.h"

#include <algorithm>
#include <tuple>

namespace vnn::reporting::rules {

std::vector<Ranked> rank(std::vector<Ranked> entries, int limit) {
  std::erase_if(entries, [](const Ranked& e) { return e.amount <= 0 && e.count <= 0; });
  std::sort(entries.begin(), entries.end(), [](const Ranked& a, const Ranked& b) {
    return std::tie(b.amount, b.count, a.name, a.id) < std::tie(a.amount, a.count, b.name, b.id);
  });
  if (limit >= 0 && entries.size() > static_cast<std::size_t>(limit)) entries.resize(limit);
  for (std::size_t i = 0; i < entries.size(); ++i) entries[i].rank = static_cast<int>(i) + 1;
  return entries;
}

int commendation_limit(int requested) {
  if (requested <= 0) return 20;
  return std::min(requested, 200);
}

}  // namespace vnn::reporting::rules
