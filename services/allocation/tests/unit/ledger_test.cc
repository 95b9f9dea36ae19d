// The fund ledger's arithmetic: each operation's entries, and what they do to a fund's balances.

#include "rules/ledger.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <vector>

namespace vnn::allocation::rules {
namespace {

bool same_entries(const Posting& posting, const std::vector<Entry>& expected) {
  if (posting.entries.size() != expected.size()) return false;
  for (std::size_t i = 0; i < expected.size(); ++i) {
    if (posting.entries[i].account != expected[i].account ||
        posting.entries[i].amount != expected[i].amount) {
      return false;
    }
  }
  return true;
}

Balances after_all(const std::vector<Posting>& postings) {
  Balances b;
  for (const Posting& p : postings) b = apply(b, p);
  return b;
}

TEST(LedgerPostings, EachOperationPostsTheDocumentedEntries) {
  EXPECT_TRUE(same_entries(donation_posting(100),
                           {{Account::kAvailable, 100}, {Account::kDonations, -100}}));
  EXPECT_TRUE(
      same_entries(reversal_posting(40), {{Account::kAvailable, -40}, {Account::kReversals, 40}}));
  EXPECT_TRUE(same_entries(in_kind_posting(70),
                           {{Account::kInKindStock, 70}, {Account::kInKindDonations, -70}}));
  EXPECT_TRUE(
      same_entries(reserve_posting(60), {{Account::kAvailable, -60}, {Account::kReserved, 60}}));
  EXPECT_TRUE(
      same_entries(void_posting(60), {{Account::kReserved, -60}, {Account::kAvailable, 60}}));
}

TEST(LedgerPostings, APostSpendsWhatWasHandedOverAndReleasesTheRest) {
  EXPECT_TRUE(same_entries(
      post_posting(60, 45),
      {{Account::kReserved, -60}, {Account::kDisbursed, 45}, {Account::kAvailable, 15}}));
  EXPECT_TRUE(
      same_entries(post_posting(60, 60), {{Account::kReserved, -60}, {Account::kDisbursed, 60}}));
  EXPECT_TRUE(
      same_entries(post_posting(60, 0), {{Account::kReserved, -60}, {Account::kAvailable, 60}}));
}

TEST(LedgerPostings, EveryPostingIsBalanced) {
  for (const Posting& p :
       {donation_posting(1), reversal_posting(2), in_kind_posting(3), reserve_posting(4),
        post_posting(5, 0), post_posting(5, 2), post_posting(5, 5), void_posting(6)}) {
    EXPECT_TRUE(balanced(p)) << posting_word(p.kind);
  }
  EXPECT_FALSE(balanced(Posting{PostingKind::kDonation, {{Account::kAvailable, 5}}}));
  EXPECT_FALSE(balanced(
      Posting{PostingKind::kDonation, {{Account::kAvailable, 5}, {Account::kDonations, -4}}}));
  EXPECT_FALSE(balanced(Posting{PostingKind::kDonation, {}}));
}

TEST(LedgerPostings, AmountsMustBePositive) {
  EXPECT_THROW(donation_posting(0), std::invalid_argument);
  EXPECT_THROW(donation_posting(-1), std::invalid_argument);
  EXPECT_THROW(reversal_posting(0), std::invalid_argument);
  EXPECT_THROW(in_kind_posting(0), std::invalid_argument);
  EXPECT_THROW(reserve_posting(-5), std::invalid_argument);
  EXPECT_THROW(void_posting(0), std::invalid_argument);
  EXPECT_THROW(post_posting(0, 0), std::invalid_argument);
  EXPECT_THROW(post_posting(10, -1), std::invalid_argument);
  EXPECT_THROW(post_posting(10, 11), std::invalid_argument);
}

TEST(LedgerPostings, WordsAndNumbersMatchTheDatabaseAndTheApi) {
  EXPECT_EQ(posting_word(PostingKind::kDonation), "donation");
  EXPECT_EQ(posting_word(PostingKind::kReversal), "reversal");
  EXPECT_EQ(posting_word(PostingKind::kInKind), "in_kind");
  EXPECT_EQ(posting_word(PostingKind::kReserve), "reserve");
  EXPECT_EQ(posting_word(PostingKind::kPost), "post");
  EXPECT_EQ(posting_word(PostingKind::kVoid), "void");
  EXPECT_EQ(posting_number(PostingKind::kDonation), 1);
  EXPECT_EQ(posting_number(PostingKind::kReserve), 4);
  EXPECT_EQ(posting_number(PostingKind::kVoid), 6);
  EXPECT_EQ(static_cast<int>(Account::kInKindDonations), 7);
}

TEST(LedgerBalances, ReserveThenPostMovesMoneyFromAvailableToDisbursed) {
  Balances b = after_all({donation_posting(100'000'000), reserve_posting(60'000'000)});
  EXPECT_EQ(b.available(), 40'000'000);
  EXPECT_EQ(b.reserved, 60'000'000);
  b = apply(b, post_posting(60'000'000, 55'000'000));
  EXPECT_EQ(b.reserved, 0);
  EXPECT_EQ(b.disbursed, 55'000'000);
  EXPECT_EQ(b.available(), 45'000'000);
  EXPECT_TRUE(b.within_invariant());
}

TEST(LedgerBalances, AVoidReleasesTheReservation) {
  const Balances b = after_all({donation_posting(100), reserve_posting(80), void_posting(80)});
  EXPECT_EQ(b.available(), 100);
  EXPECT_EQ(b.reserved, 0);
}

TEST(LedgerBalances, InKindGoodsNeverTouchCash) {
  const Balances b = after_all({donation_posting(100), in_kind_posting(5'000)});
  EXPECT_EQ(b.in_kind, 5'000);
  EXPECT_EQ(b.available(), 100);
  EXPECT_FALSE(fits(b, 101));
}

TEST(LedgerBalances, AReservationMustFitTheLastDong) {
  const Balances b = after_all({donation_posting(100), reserve_posting(60)});
  EXPECT_TRUE(fits(b, 40));
  EXPECT_FALSE(fits(b, 41));
  EXPECT_FALSE(fits(b, 0));
  EXPECT_FALSE(fits(b, -1));
  EXPECT_THROW(apply(b, reserve_posting(41)), std::logic_error);
}

TEST(LedgerBalances, AReversalIsRecordedEvenWhenItLeavesTheFundShort) {
  Balances b = after_all({donation_posting(100), reserve_posting(80), reversal_posting(50)});
  EXPECT_EQ(b.available(), -30);
  EXPECT_EQ(b.shortfall, 30);
  EXPECT_TRUE(b.flagged_short());
  EXPECT_TRUE(b.within_invariant());
  EXPECT_FALSE(fits(b, 1));  // no approvals from a short fund

  b = apply(b, donation_posting(10));  // covers part of it
  EXPECT_EQ(b.shortfall, 20);
  EXPECT_TRUE(b.flagged_short());
  EXPECT_FALSE(fits(b, 1));

  b = apply(b, void_posting(80));  // a cancellation releases enough
  EXPECT_EQ(b.available(), 60);
  EXPECT_EQ(b.shortfall, 0);
  EXPECT_FALSE(b.flagged_short());
  EXPECT_TRUE(fits(b, 60));
}

TEST(LedgerBalances, AReleaseOnPostLowersTheShortfall) {
  Balances b = after_all({donation_posting(100), reserve_posting(100), reversal_posting(30)});
  EXPECT_EQ(b.shortfall, 30);
  b = apply(b, post_posting(100, 60));  // 40 not handed over comes back
  EXPECT_EQ(b.available(), 10);
  EXPECT_EQ(b.shortfall, 0);
}

TEST(LedgerBalances, ADonationNeverRaisesTheShortfall) {
  Balances b = after_all({donation_posting(10), reversal_posting(10), reversal_posting(5)});
  EXPECT_EQ(b.shortfall, 5);
  b = apply(b, in_kind_posting(1'000));
  EXPECT_EQ(b.shortfall, 5);
  b = apply(b, donation_posting(100));
  EXPECT_EQ(b.shortfall, 0);
  EXPECT_EQ(b.available(), 95);
}

TEST(LedgerSums, TheEntriesSumToTheBalances) {
  const std::vector<Posting> postings{
      donation_posting(1'000), in_kind_posting(300), reserve_posting(600), post_posting(600, 500),
      reserve_posting(200),    void_posting(200),    reversal_posting(100)};
  AccountSums sums;
  for (const Posting& p : postings) {
    for (const Entry& e : p.entries) sums.add(e);
  }
  EXPECT_TRUE(sums_consistent(sums));
  Balances expected = after_all(postings);
  expected.shortfall = 0;  // not a sum: it depends on the order
  EXPECT_EQ(balances_of(sums), expected);
  EXPECT_EQ(sums.available, expected.available());
  EXPECT_EQ(sums.in_kind_stock, 300);
  EXPECT_EQ(sums.in_kind_donations, -300);
}

TEST(LedgerSums, ATamperedSumIsInconsistent) {
  AccountSums sums;
  for (const Entry& e : donation_posting(100).entries) sums.add(e);
  EXPECT_TRUE(sums_consistent(sums));
  AccountSums cash = sums;
  cash.available += 1;
  EXPECT_FALSE(sums_consistent(cash));
  AccountSums goods = sums;
  goods.in_kind_stock += 5;
  EXPECT_FALSE(sums_consistent(goods));
}

}  // namespace
}  // namespace vnn::allocation::rules
