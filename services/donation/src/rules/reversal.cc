#include "rules/reversal.h"

#include <string>

#include "rules/reason_codes.h"
#include "vnn/platform/errors.h"

namespace vnn::donation::rules {

void require_reversible(std::int64_t donation_id, const ReversalState& state) {
  const std::string id = std::to_string(donation_id);
  if (state.reverses) {
    throw platform::failed_precondition("donation " + id +
                                        " is itself a reversal and cannot be reversed")
        .with_reason(reason::kDonationIsReversal)
        .with_vietnamese("Khoản " + id + " là bút toán hủy, không thể hủy tiếp")
        .with_subject("donation/" + id);
  }
  if (state.reversed_by) {
    const std::string by = std::to_string(*state.reversed_by);
    throw platform::failed_precondition("donation " + id + " was already reversed by donation " +
                                        by)
        .with_reason(reason::kDonationAlreadyReversed)
        .with_vietnamese("Khoản " + id + " đã được hủy bằng bút toán " + by)
        .with_subject("donation/" + id);
  }
}

}  // namespace vnn::donation::rules
