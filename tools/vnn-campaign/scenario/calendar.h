#pragma once
// Day arithmetic on platform::Date, for spreading the campaign's records over its period.

#include "vnn/platform/date.h"

namespace vnn::campaign {

platform::Date add_days(platform::Date date, int days);                  // days >= 0
int days_between(const platform::Date& from, const platform::Date& to);  // to - from, to >= from

}  // namespace vnn::campaign
