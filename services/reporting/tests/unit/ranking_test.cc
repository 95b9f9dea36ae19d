#include "rules/ranking.h"

#include <gtest/gtest.h>

namespace vnn::reporting::rules {
namespace {

Ranked entry(std::string id, std::string name, std::int64_t count, std::int64_t amount) {
  return {.id = std::move(id), .name = std::move(name), .count = count, .amount = amount};
}

TEST(Ranking, ByAmountThenCountThenName) {
  const auto ranked = rank({entry("1", "Bình", 1, 5'000'000), entry("2", "An", 2, 5'000'000),
                            entry("3", "Cường", 1, 9'000'000), entry("4", "Anh", 1, 5'000'000)},
                           20);
  ASSERT_EQ(ranked.size(), 4u);
  EXPECT_EQ(ranked[0].id, "3");
  EXPECT_EQ(ranked[1].id, "2");  // same amount, more gifts
  EXPECT_EQ(ranked[2].id, "4");  // same amount and count: by name
  EXPECT_EQ(ranked[3].id, "1");
  for (int i = 0; i < 4; ++i) EXPECT_EQ(ranked[i].rank, i + 1);
}

TEST(Ranking, LimitAndNothingLeft) {
  const auto ranked =
      rank({entry("1", "A", 1, 3), entry("2", "B", 0, 0), entry("3", "C", 1, 2)}, 1);
  ASSERT_EQ(ranked.size(), 1u);
  EXPECT_EQ(ranked[0].id, "1");
  EXPECT_EQ(rank({entry("2", "B", 0, 0)}, 20).size(), 0u);  // reversed entirely
}

TEST(Ranking, Limits) {
  EXPECT_EQ(commendation_limit(0), 20);
  EXPECT_EQ(commendation_limit(5), 5);
  EXPECT_EQ(commendation_limit(200), 200);
  EXPECT_EQ(commendation_limit(1000), 200);
}

}  // namespace
}  // namespace vnn::reporting::rules
