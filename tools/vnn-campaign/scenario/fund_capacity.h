#pragma once
// What each fund may still promise on a day: its cash received up to that day (donations and
// payroll lists, not goods, not gifts handed straight to households), less every reversal of
// its cash whenever it comes, less all it has promised already, with a tenth kept back. Supports
// are planned against it, so no approval ever finds its fund short, whatever order of days the
// runner plays them in.

#include <cstdint>
#include <map>
#include <string>

#include "scenario/scenario.h"

namespace vnn::campaign {

class FundCapacity {
 public:
  explicit FundCapacity(const Scenario& s);

  std::int64_t free_on(const std::string& fund_id, const platform::Date& on) const;
  void use(const std::string& fund_id, std::int64_t amount) { used_[fund_id] += amount; }

 private:
  std::map<std::string, std::map<platform::Date, std::int64_t>> receipts_;
  std::map<std::string, std::int64_t> reversed_, used_;
};

}  // namespace vnn::campaign
