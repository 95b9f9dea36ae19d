// The ledger can be rebuilt from the event stream (issue 15): after donations, a reversal,
// approvals, a partial disbursement and a cancellation after approval, the donation service's
// and this service's events, replayed through the ledger's own rules (rules/ledger.h), give every
// fund the balances GetFundBalance shows; and the last fund.balance_changed of each fund shows
// them too.

#include <algorithm>
#include <map>

#include "rules/ledger.h"
#include "support_test_helpers.h"

namespace vnn::testing {
namespace {

namespace av1 = allocation::v1;
namespace dv1 = donation::v1;
namespace rules = allocation::rules;

class LedgerRebuildTest : public SupportTest {};

TEST_F(LedgerRebuildTest, TheEventStreamRebuildsEveryFundsBalances) {
  const auto households = approved_households(kPhuTuc, 4);
  ASSERT_EQ(households.size(), 4u);
  const auto& district_fund_id = district_fund();
  const auto& commune_fund_id = commune_fund(kPhuTuc);

  donate(district_fund_id, 20'000'000);
  const auto taken_back = donate(district_fund_id, 5'000'000);
  donate(commune_fund_id, 10'000'000);
  ASSERT_TRUE(reverse(taken_back.id()).ok());
  // The net alone is also what the first donation makes before the second and its reversal
  // arrive: wait for the reversal itself.
  wait_for_balance(
      district_fund_id,
      [](const av1::FundBalance& b) {
        return b.received().dong() == 25'000'000 && b.reversed().dong() == 5'000'000;
      },
      "the donations and the reversal");
  wait_for_net_received(commune_fund_id, 10'000'000);

  const auto capital = approved_support(households[0], av1::SUPPORT_KIND_PRODUCTION_CAPITAL,
                                        district_fund_id, 6'000'000);
  ASSERT_TRUE(disburse(capital.id(), nullptr, {{district_fund_id, 4'000'000}}).ok());
  const auto commune_capital = approved_support(households[1], av1::SUPPORT_KIND_PRODUCTION_CAPITAL,
                                                commune_fund_id, 4'000'000);
  const auto gifts = approved_support(households[2], av1::SUPPORT_KIND_FOOD_AND_GIFTS,
                                      district_fund_id, 1'000'000);
  ASSERT_TRUE(cancel(gifts.id()).ok());
  const auto only_proposed = proposed(
      support_request(households[3], av1::SUPPORT_KIND_SCHOLARSHIP, district_fund_id, 2'000'000));
  ASSERT_GT(only_proposed.id(), 0);
  expect_balances(district_fund_id,
                  {.received = 25'000'000, .reversed = 5'000'000, .disbursed = 4'000'000},
                  "district fund");
  expect_balances(commune_fund_id, {.received = 10'000'000, .reserved = 4'000'000}, "commune fund");

  // The events of the test's funds and supports, as JetStream has them.
  std::set<std::string> funds;
  for (const auto& [unit, fund] : funds_) funds.insert(fund);
  const auto donation_events = events(
      "vnn.donation.donation.>",
      [&](const common::v1::EventEnvelope& e) {
        if (e.type() == "donation.recorded") {
          dv1::DonationRecorded d;
          return e.payload().UnpackTo(&d) && funds.count(d.fund_id()) > 0;
        }
        if (e.type() == "donation.reversed") {
          dv1::DonationReversed d;
          return e.payload().UnpackTo(&d) && funds.count(d.fund_id()) > 0;
        }
        return false;
      },
      4);
  const std::set<std::string> supports{
      std::to_string(capital.id()), std::to_string(commune_capital.id()),
      std::to_string(gifts.id()), std::to_string(only_proposed.id())};
  const auto support_events = events(
      "vnn.allocation.support.>",
      [&](const common::v1::EventEnvelope& e) { return supports.count(e.aggregate_id()) > 0; },
      3 + 2 + 3 + 1);

  // Replayed in the order they happened (each stream keeps its own order; across the two the
  // scenario waited for every donation before the first approval).
  std::vector<const StreamMessage*> replay;
  for (const auto& m : donation_events) replay.push_back(&m);
  for (const auto& m : support_events) replay.push_back(&m);
  std::stable_sort(replay.begin(), replay.end(), [](const auto* a, const auto* b) {
    const auto& x = a->envelope.occurred_at();
    const auto& y = b->envelope.occurred_at();
    return std::pair(x.seconds(), x.nanos()) < std::pair(y.seconds(), y.nanos());
  });

  std::map<std::string, rules::Balances> rebuilt;
  std::map<std::string, std::int64_t> postings_of;
  std::map<std::int64_t, av1::SupportState> last_state;
  const auto apply = [&](const std::string& fund, const rules::Posting& posting) {
    try {
      rebuilt[fund] = rules::apply(rebuilt[fund], posting);
      ++postings_of[fund];
    } catch (const std::exception& e) {
      ADD_FAILURE() << "replaying a posting of " << fund << ": " << e.what();
    }
  };
  for (const auto* m : replay) {
    const auto& e = m->envelope;
    if (e.type() == "donation.recorded") {
      dv1::DonationRecorded d;
      ASSERT_TRUE(e.payload().UnpackTo(&d));
      if (d.household_id() != 0) continue;  // direct support: never in a fund
      apply(d.fund_id(), rules::donation_posting(d.amount_dong()));
    } else if (e.type() == "donation.reversed") {
      dv1::DonationReversed d;
      ASSERT_TRUE(e.payload().UnpackTo(&d));
      apply(d.fund_id(), rules::reversal_posting(d.amount_dong()));
    } else {
      av1::SupportChanged changed;
      ASSERT_TRUE(e.payload().UnpackTo(&changed)) << e.type();
      const auto& s = changed.support();
      const auto before = last_state[s.id()];
      last_state[s.id()] = s.state();
      for (const auto& part : s.funding()) {
        if (part.fund_id().empty()) continue;
        const auto amount = part.amount().dong();
        if (e.type() == "support.approved") {
          apply(part.fund_id(), rules::reserve_posting(amount));
        } else if (e.type() == "support.disbursed") {
          apply(part.fund_id(), rules::post_posting(amount, part.disbursed().dong()));
        } else if (e.type() == "support.cancelled" && before == av1::SUPPORT_STATE_APPROVED) {
          apply(part.fund_id(), rules::void_posting(amount));
        }
      }
    }
  }

  for (const auto& fund : funds) {
    SCOPED_TRACE(fund);
    av1::FundBalance now;
    ASSERT_TRUE(balance(fund, &now).ok());
    const auto& b = rebuilt[fund];
    EXPECT_EQ(b.received, now.received().dong());
    EXPECT_EQ(b.reversed, now.reversed().dong());
    EXPECT_EQ(b.reserved, now.reserved().dong());
    EXPECT_EQ(b.disbursed, now.disbursed().dong());
    EXPECT_EQ(b.available(), now.available().dong());
    EXPECT_EQ(b.shortfall, now.shortfall().dong());
    EXPECT_EQ(b.flagged_short(), now.flagged_short());
    // One posting per event that moved the fund: its version (no flag was raised here).
    EXPECT_EQ(postings_of[fund], now.version());

    const auto changes = events(
        "vnn.allocation.fund.balance_changed",
        [&](const common::v1::EventEnvelope& e) { return e.aggregate_id() == fund; },
        static_cast<std::size_t>(now.version()));
    if (now.version() == 0) {
      EXPECT_TRUE(changes.empty());
      continue;
    }
    ASSERT_FALSE(changes.empty());
    const auto last = std::max_element(changes.begin(), changes.end(), [](auto& x, auto& y) {
      return x.envelope.aggregate_version() < y.envelope.aggregate_version();
    });
    EXPECT_EQ(last->envelope.aggregate_version(), now.version());
    av1::FundBalanceChanged changed;
    ASSERT_TRUE(last->envelope.payload().UnpackTo(&changed));
    const auto& c = changed.balance();
    EXPECT_EQ(c.received().dong(), now.received().dong());
    EXPECT_EQ(c.reversed().dong(), now.reversed().dong());
    EXPECT_EQ(c.reserved().dong(), now.reserved().dong());
    EXPECT_EQ(c.disbursed().dong(), now.disbursed().dong());
    EXPECT_EQ(c.available().dong(), now.available().dong());
    EXPECT_EQ(c.shortfall().dong(), now.shortfall().dong());
    EXPECT_EQ(c.version(), now.version());
    EXPECT_EQ(c.unit_code(), now.unit_code());
  }
  // Two donations, the reversal, reserve and post, reserve and void.
  EXPECT_EQ(postings_of[district_fund_id], 2 + 1 + 2 + 2);
  EXPECT_EQ(postings_of[commune_fund_id], 2);
}

}  // namespace
}  // namespace vnn::testing
