// Households reach allocation as household review's events, and a proposal does not wait for
// them (it asks review for eligibility). A support proposed before its household's events
// arrived (a consumer behind, after an outage) gets the household's masked name when they do.

#include <thread>

#include "support_test_helpers.h"

namespace vnn::testing {
namespace {

namespace av1 = allocation::v1;
namespace hv1 = household_review::v1;

class HouseholdEventsTest : public SupportTest {
 protected:
  // The household's masked name as allocation knows it ("" when it knows none), once `done`.
  std::string known_masked_name(std::int64_t household,
                                const std::function<bool(const std::string&)>& done) {
    const std::string sql =
        "SELECT coalesce((SELECT masked_name FROM household WHERE "
        "household_id = " +
        std::to_string(household) + "), '')";
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(15);
    for (;;) {
      const auto name = scalar(sql);
      if (done(name)) return name;
      if (std::chrono::steady_clock::now() > until) {
        ADD_FAILURE() << "household " << household << " is known as \"" << name << "\"";
        return name;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }
};

TEST_F(HouseholdEventsTest, ASupportProposedBeforeItsHouseholdArrivedGetsItsMaskedName) {
  const auto household = approved_household(kPhuTuc);
  ASSERT_GT(household, 0);
  const auto masked =
      known_masked_name(household, [](const std::string& name) { return !name.empty(); });
  ASSERT_FALSE(masked.empty());
  // As if household review's events had not arrived yet.
  scalar("WITH gone AS (DELETE FROM household WHERE household_id = " + std::to_string(household) +
         " RETURNING 1) SELECT count(*) FROM gone");

  const auto support = proposed(
      support_request(household, av1::SUPPORT_KIND_FOOD_AND_GIFTS, commune_fund(kPhuTuc), 400'000));
  ASSERT_GT(support.id(), 0);
  EXPECT_EQ(support.unit_code(), kPhuTuc);

  // The next event of the household (its assignment to an organisation) brings the name.
  hv1::AssignHouseholdRequest assign;
  assign.set_request_id(request_id("assign"));
  assign.set_campaign_id(campaign_);
  assign.set_household_id(household);
  assign.set_organisation_id("doan-thanh-nien-phu-tuc");
  hv1::Assignment assignment;
  ASSERT_TRUE(
      households_->AssignHousehold(client_context(district()).get(), assign, &assignment).ok());
  known_masked_name(household, [](const std::string& name) { return !name.empty(); });

  Support now;
  ASSERT_TRUE(get_support(support.id(), district(), &now).ok());
  EXPECT_EQ(now.masked_name(), masked);
  av1::ListSupportsRequest r;
  r.set_household_id(household);
  allocation::v1::ListSupportsResponse listed_out;
  ASSERT_TRUE(stub_->ListSupports(client_context(district()).get(), r, &listed_out).ok());
  ASSERT_EQ(listed_out.supports_size(), 1);
  EXPECT_EQ(listed_out.supports(0).masked_name(), masked);
}

}  // namespace
}  // namespace vnn::testing
