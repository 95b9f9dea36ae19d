#pragma once
// The day a district office received a commune's paper list or report (its incoming-document
// stamp), as an officer entered it later. Deadlines are judged on it, in household review (the
// lists) and reporting (the results reports), so both check it the same way.

#include <optional>

#include "vnn/platform/date.h"

namespace vnn::platform {

// nullopt (not entered): received today. Throws INVALID_ARGUMENT on `received_on` when the day
// is not a calendar date, is after `today` (Vietnam) or before the campaign's first day.
Date received_day(const std::optional<Date>& entered, const Date& campaign_starts,
                  const Date& today);

}  // namespace vnn::platform
