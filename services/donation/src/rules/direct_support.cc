#include "rules/direct_support.h"

#include "vnn/platform/auth/scope.h"
#include "vnn/platform/errors.h"

namespace vnn::donation::rules {

std::string require_supported_household(const platform::auth::Principal& who,
                                        const platform::units::AdminUnitTree& units,
                                        const HouseholdFacts& facts, const platform::Date& received,
                                        const std::string& field) {
  if (!facts.exists || facts.unit_code.empty() ||
      !platform::auth::may_act_for(who, units, facts.unit_code, received)) {
    throw platform::invalid_argument(field, "unknown household",
                                     "không có hộ này trong các đơn vị cán bộ được giao");
  }
  if (facts.merged) {
    throw platform::invalid_argument(field, "was merged into another household",
                                     "hộ đã được gộp vào một hộ khác; hãy ghi cho hộ còn lại");
  }
  return facts.unit_code;
}

std::string confirmation_reference(int year, std::int64_t number) {
  std::string digits = std::to_string(number);
  if (digits.size() < 6) digits.insert(0, 6 - digits.size(), '0');
  return "HTTT-" + std::to_string(year) + "-" + digits;
}

}  // namespace vnn::donation::rules
