#include "rules/fund_accounts.h"

#include "rules/reason_codes.h"
#include "vnn/platform/errors.h"

namespace vnn::donation::rules {

using platform::invalid_argument;

void require_open_for_transfer(const std::string& account,
                               const std::optional<platform::Date>& closed_on,
                               const platform::Date& received, const std::string& field) {
  if (!closed_on || received < *closed_on) return;
  throw invalid_argument(field,
                         "account " + account + " was closed on " + closed_on->iso() +
                             " and takes no transfer from that day on",
                         "tài khoản " + account + " đã đóng từ ngày " + closed_on->vietnamese() +
                             ", không nhận chuyển khoản từ ngày đó")
      .with_reason(reason::kAccountClosed)
      .with_subject("account/" + account);
}

void require_closable(const std::optional<platform::Date>& closed_before,
                      const std::optional<platform::Date>& last_transfer,
                      const platform::Date& closing_on, const std::string& field) {
  if (closed_before) {
    throw invalid_argument(field + ".account_number",
                           "was closed already on " + closed_before->iso(),
                           "tài khoản đã đóng từ ngày " + closed_before->vietnamese());
  }
  if (last_transfer && !(*last_transfer < closing_on)) {
    throw invalid_argument(
        field + ".closed_on",
        "must be after " + last_transfer->iso() + ", when a recorded transfer arrived",
        "phải sau ngày " + last_transfer->vietnamese() +
            ", ngày có khoản chuyển khoản đã ghi nhận");
  }
}

void require_fund_version(const std::string& fund_id, std::int64_t current, std::int64_t expected) {
  if (current == expected) return;
  throw platform::Error(platform::ErrorCode::kFailedPrecondition,
                        "fund " + fund_id + " is at version " + std::to_string(current) + ", not " +
                            std::to_string(expected) + ": read it again",
                        "expected_version")
      .with_reason(reason::kFundVersionStale)
      .with_vietnamese("Quỹ " + fund_id + " đã được người khác sửa (phiên bản " +
                       std::to_string(current) + "): hãy tải lại rồi sửa tiếp")
      .with_subject("fund/" + fund_id);
}

}  // namespace vnn::donation::rules
