#include "scenario/fund_capacity.h"

namespace vnn::campaign {

FundCapacity::FundCapacity(const Scenario& s) {
  std::map<std::string, const Donation*> by_key;
  for (const auto& d : s.donations) {
    by_key[d.key] = &d;
    if (d.channel == Channel::kCash || d.channel == Channel::kBankTransfer) {
      receipts_[d.fund_id][d.received_on] += d.amount;
    }
  }
  for (const auto& list : s.payroll_lists) {
    for (const auto& line : list.lines) receipts_[list.fund_id][list.received_on] += line.amount;
  }
  for (const auto& r : s.reversals) {
    const auto it = by_key.find(r.donation_key);
    if (it == by_key.end()) continue;
    const Donation& d = *it->second;
    if (d.channel == Channel::kCash || d.channel == Channel::kBankTransfer) {
      reversed_[d.fund_id] += d.amount;
    }
  }
}

std::int64_t FundCapacity::free_on(const std::string& fund_id, const platform::Date& on) const {
  std::int64_t received = 0;
  if (const auto it = receipts_.find(fund_id); it != receipts_.end()) {
    for (const auto& [day, amount] : it->second) {
      if (day <= on) received += amount;
    }
  }
  const auto reversed = reversed_.find(fund_id);
  const auto used = used_.find(fund_id);
  return received * 9 / 10 - (reversed == reversed_.end() ? 0 : reversed->second) -
         (used == used_.end() ? 0 : used->second);
}

}  // namespace vnn::campaign
