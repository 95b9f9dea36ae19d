#pragma once
// The fund ledger's arithmetic: which entries each operation posts, and what it does to a
// fund's balances. Two-phase, as TigerBeetle's transfers: reserve, then post or void.
//
// Accounts (numbers of vnn.allocation.v1.LedgerAccount). Debits are positive, credits negative,
// and each posting's entries sum to zero:
//   donation   available +x, donations −x
//   reversal   available −x, reversals +x          (a fact: recorded even if it leaves it short)
//   in kind    in-kind stock +v, in-kind donations −v
//   in-kind reversal   in-kind stock −v, in-kind donations +v
//   reserve    available −a, reserved +a            (an approval: only when it fits)
//   post       reserved −a, disbursed +d, available +(a−d)   (a disbursement of d ≤ a)
//   void       reserved −a, available +a            (a cancellation after approval)

#include <cstdint>
#include <string_view>
#include <vector>

namespace vnn::allocation::rules {

enum class Account {
  kAvailable = 1,
  kReserved = 2,
  kDisbursed = 3,
  kDonations = 4,
  kReversals = 5,
  kInKindStock = 6,
  kInKindDonations = 7,
};

enum class PostingKind { kDonation, kReversal, kInKind, kReserve, kPost, kVoid, kInKindReversal };

std::string_view posting_word(PostingKind kind);  // "donation", "reserve", … (database)
int posting_number(PostingKind kind);             // vnn.allocation.v1.PostingKind

struct Entry {
  Account account;
  std::int64_t amount;  // đồng; debit positive, credit negative
};

struct Posting {
  PostingKind kind;
  std::vector<Entry> entries;
};

// Each throws std::invalid_argument for an amount that is not positive (a post's handed-over
// part may be zero, and at most the reservation).
Posting donation_posting(std::int64_t amount);
Posting reversal_posting(std::int64_t amount);
Posting in_kind_posting(std::int64_t assessed_value);
Posting in_kind_reversal_posting(std::int64_t assessed_value);
Posting reserve_posting(std::int64_t amount);
Posting post_posting(std::int64_t reserved, std::int64_t handed_over);
Posting void_posting(std::int64_t reserved);

bool balanced(const Posting& posting);

// A fund's balances: the sums of its entries by account, signed so that each is positive in a
// healthy fund, plus the shortfall that reversals left.
struct Balances {
  std::int64_t received = 0;   // −Σ donations
  std::int64_t reversed = 0;   // Σ reversals
  std::int64_t reserved = 0;   // Σ reserved
  std::int64_t disbursed = 0;  // Σ disbursed
  std::int64_t in_kind = 0;    // Σ in-kind stock
  // How far below zero reversals have taken `available`: raised only by reversals, lowered as
  // donations and releases cover it, never touched by a reservation.
  std::int64_t shortfall = 0;

  std::int64_t available() const { return received - reversed - reserved - disbursed; }
  bool flagged_short() const { return shortfall > 0; }
  // The database's CHECK: no reservation takes `available` below zero or further below.
  bool within_invariant() const { return available() + shortfall >= 0; }
  bool operator==(const Balances&) const = default;
};

// The balances after `posting`. A reserve must fit (`fits`): callers check first.
Balances apply(const Balances& before, const Posting& posting);
// Whether a reservation of `amount` may be taken: the fund is not short and has it available.
bool fits(const Balances& balances, std::int64_t amount);

// The balances the entries of a fund's postings sum to (shortfall not included: it depends on
// the order of the postings, not only their sums).
struct AccountSums {
  std::int64_t available = 0, reserved = 0, disbursed = 0, donations = 0, reversals = 0,
               in_kind_stock = 0, in_kind_donations = 0;
  void add(const Entry& entry);
};
Balances balances_of(const AccountSums& sums);
// The entries are consistent with the balance row: same sums, and available equal to the
// available account.
bool sums_consistent(const AccountSums& sums);

}  // namespace vnn::allocation::rules
