#include "rules/reconciliation.h"

#include <gtest/gtest.h>

namespace vnn::reporting::rules {
namespace {

TEST(Reconciliation, AgreeingFiguresHaveNoDifference) {
  Figures theirs, ours;
  add(theirs, "QVNN-X", "cash", 1'500'000);
  add(ours, "QVNN-X", "cash", 1'000'000);
  add(ours, "QVNN-X", "cash", 500'000);
  add(theirs, "", "total", 1'500'000);
  add(ours, "", "total", 1'500'000);
  Comparison c;
  compare("donation", theirs, ours, c);
  EXPECT_TRUE(c.differences.empty());
  EXPECT_EQ(c.figures_compared, 2);
}

TEST(Reconciliation, ReportsEveryDifferenceToTheDong) {
  Figures theirs{{{"F1", "cash"}, 1'000'001}, {{"F1", "in_kind_value"}, 0}};
  Figures ours{{{"F1", "cash"}, 1'000'000}, {{"F2", "cash"}, 7}};
  Comparison c;
  compare("donation", theirs, ours, c);
  ASSERT_EQ(c.differences.size(), 2u);
  EXPECT_EQ(c.differences[0], (Difference{"donation", "F1", "cash", 1'000'001, 1'000'000}));
  // A fund only one side knows is a difference against zero.
  EXPECT_EQ(c.differences[1], (Difference{"donation", "F2", "cash", 0, 7}));
  EXPECT_EQ(c.figures_compared, 3);
}

TEST(Reconciliation, AccumulatesAcrossSources) {
  Comparison c;
  compare("donation", {{{"F1", "total"}, 5}}, {{{"F1", "total"}, 5}}, c);
  compare("allocation", {{{"F1", "reserved"}, 5}}, {{{"F1", "reserved"}, 4}}, c);
  EXPECT_EQ(c.figures_compared, 2);
  ASSERT_EQ(c.differences.size(), 1u);
  EXPECT_EQ(c.differences[0].source, "allocation");
}

TEST(Reconciliation, NothingOnEitherSideComparesNothing) {
  Comparison c;
  compare("allocation", {}, {}, c);
  EXPECT_EQ(c.figures_compared, 0);
  EXPECT_TRUE(c.differences.empty());
}

}  // namespace
}  // namespace vnn::reporting::rules
