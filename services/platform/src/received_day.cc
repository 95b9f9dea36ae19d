#include "vnn/platform/received_day.h"

#include "vnn/platform/errors.h"

namespace vnn::platform {

Date received_day(const std::optional<Date>& entered, const Date& campaign_starts,
                  const Date& today) {
  if (!entered) return today;
  if (!entered->valid()) {
    throw invalid_argument("received_on", "is not a calendar date", "không phải là ngày hợp lệ");
  }
  if (*entered > today) {
    throw invalid_argument("received_on", "is after today (" + today.iso() + ", Vietnam time)",
                           "ngày nhận không được sau ngày hôm nay (" + today.vietnamese() + ")");
  }
  if (*entered < campaign_starts) {
    throw invalid_argument("received_on",
                           "is before the campaign starts (" + campaign_starts.iso() + ")",
                           "ngày nhận không được trước ngày bắt đầu đợt vận động (" +
                               campaign_starts.vietnamese() + ")");
  }
  return *entered;
}

}  // namespace vnn::platform
