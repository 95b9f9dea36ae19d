#include "scenario/calendar.h"

namespace vnn::campaign {

platform::Date add_days(platform::Date date, int days) {
  for (int i = 0; i < days; ++i) date = date.next_day();
  return date;
}

int days_between(const platform::Date& from, const platform::Date& to) {
  int days = 0;
  for (platform::Date d = from; d < to; d = d.next_day()) ++days;
  return days;
}

}  // namespace vnn::campaign
