#include "rules/ledger.h"

#include <algorithm>
#include <stdexcept>

namespace vnn::allocation::rules {
namespace {

void require_positive(std::int64_t amount, const char* what) {
  if (amount <= 0) throw std::invalid_argument(std::string(what) + " must be positive");
}

}  // namespace

std::string_view posting_word(PostingKind kind) {
  switch (kind) {
    case PostingKind::kDonation:
      return "donation";
    case PostingKind::kReversal:
      return "reversal";
    case PostingKind::kInKind:
      return "in_kind";
    case PostingKind::kReserve:
      return "reserve";
    case PostingKind::kPost:
      return "post";
    case PostingKind::kVoid:
      return "void";
    case PostingKind::kInKindReversal:
      return "in_kind_reversal";
  }
  return "donation";
}

int posting_number(PostingKind kind) { return static_cast<int>(kind) + 1; }

Posting donation_posting(std::int64_t amount) {
  require_positive(amount, "a donation");
  return {PostingKind::kDonation, {{Account::kAvailable, amount}, {Account::kDonations, -amount}}};
}

Posting reversal_posting(std::int64_t amount) {
  require_positive(amount, "a reversal");
  return {PostingKind::kReversal, {{Account::kAvailable, -amount}, {Account::kReversals, amount}}};
}

Posting in_kind_posting(std::int64_t assessed_value) {
  require_positive(assessed_value, "an in-kind gift's value");
  return {PostingKind::kInKind,
          {{Account::kInKindStock, assessed_value}, {Account::kInKindDonations, -assessed_value}}};
}

Posting in_kind_reversal_posting(std::int64_t assessed_value) {
  require_positive(assessed_value, "an in-kind gift's value");
  return {PostingKind::kInKindReversal,
          {{Account::kInKindStock, -assessed_value}, {Account::kInKindDonations, assessed_value}}};
}

Posting reserve_posting(std::int64_t amount) {
  require_positive(amount, "a reservation");
  return {PostingKind::kReserve, {{Account::kAvailable, -amount}, {Account::kReserved, amount}}};
}

Posting post_posting(std::int64_t reserved, std::int64_t handed_over) {
  require_positive(reserved, "a reservation");
  if (handed_over < 0 || handed_over > reserved) {
    throw std::invalid_argument("what is handed over must be between 0 and the reservation");
  }
  Posting posting{PostingKind::kPost, {{Account::kReserved, -reserved}}};
  if (handed_over > 0) posting.entries.push_back({Account::kDisbursed, handed_over});
  if (handed_over < reserved) {
    posting.entries.push_back({Account::kAvailable, reserved - handed_over});
  }
  return posting;
}

Posting void_posting(std::int64_t reserved) {
  require_positive(reserved, "a reservation");
  return {PostingKind::kVoid, {{Account::kReserved, -reserved}, {Account::kAvailable, reserved}}};
}

bool balanced(const Posting& posting) {
  std::int64_t sum = 0;
  for (const auto& e : posting.entries) sum += e.amount;
  return sum == 0 && posting.entries.size() >= 2;
}

void AccountSums::add(const Entry& entry) {
  switch (entry.account) {
    case Account::kAvailable:
      available += entry.amount;
      break;
    case Account::kReserved:
      reserved += entry.amount;
      break;
    case Account::kDisbursed:
      disbursed += entry.amount;
      break;
    case Account::kDonations:
      donations += entry.amount;
      break;
    case Account::kReversals:
      reversals += entry.amount;
      break;
    case Account::kInKindStock:
      in_kind_stock += entry.amount;
      break;
    case Account::kInKindDonations:
      in_kind_donations += entry.amount;
      break;
  }
}

Balances balances_of(const AccountSums& sums) {
  Balances b;
  b.received = -sums.donations;
  b.reversed = sums.reversals;
  b.reserved = sums.reserved;
  b.disbursed = sums.disbursed;
  b.in_kind = sums.in_kind_stock;
  return b;
}

bool sums_consistent(const AccountSums& sums) {
  const auto b = balances_of(sums);
  return sums.available == b.available() && sums.in_kind_stock == -sums.in_kind_donations;
}

Balances apply(const Balances& before, const Posting& posting) {
  AccountSums delta;
  for (const auto& e : posting.entries) delta.add(e);
  Balances after = before;
  after.received += -delta.donations;
  after.reversed += delta.reversals;
  after.reserved += delta.reserved;
  after.disbursed += delta.disbursed;
  after.in_kind += delta.in_kind_stock;
  if (posting.kind == PostingKind::kReserve) {
    if (!fits(before, delta.reserved)) {
      throw std::logic_error("a reservation that does not fit was applied");
    }
    return after;  // the shortfall is never the reservation's to change
  }
  // A reversal may raise it; whatever brings cash back lowers it, never below zero.
  after.shortfall = std::max<std::int64_t>(0, -after.available());
  if (posting.kind != PostingKind::kReversal) {
    after.shortfall = std::min(after.shortfall, before.shortfall);
  }
  return after;
}

bool fits(const Balances& balances, std::int64_t amount) {
  return amount > 0 && !balances.flagged_short() && balances.available() >= amount;
}

}  // namespace vnn::allocation::rules
