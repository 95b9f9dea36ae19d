#include "rules/reversal.h"

#include <string>

#include "rules/reason_codes.h"
#include "vnn/platform/errors.h"
#include "vnn/platform/text/text.h"

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

void require_no_pending_request(std::int64_t donation_id, std::optional<std::int64_t> pending) {
  if (!pending) return;
  const std::string id = std::to_string(donation_id);
  const std::string request = std::to_string(*pending);
  throw platform::failed_precondition("a request to reverse donation " + id + " (request " +
                                      request + ") awaits a decision already")
      .with_reason(reason::kReversalPending)
      .with_vietnamese("Đã có đề nghị hủy khoản " + id + " (đề nghị số " + request +
                       ") đang chờ duyệt")
      .with_subject("reversal_request/" + request);
}

void require_may_decide(std::int64_t request_id, bool decided, const std::string& requested_by,
                        const std::string& deciding, bool approve, const std::string& note) {
  const std::string id = std::to_string(request_id);
  if (decided) {
    throw platform::failed_precondition("reversal request " + id + " was decided already")
        .with_reason(reason::kReversalAlreadyDecided)
        .with_vietnamese("Đề nghị hủy số " + id + " đã được xem xét")
        .with_subject("reversal_request/" + id);
  }
  if (requested_by == deciding) {
    throw platform::permission_denied(
        "the officer who asked for a reversal cannot decide it: another officer must")
        .with_reason(platform::reason::kSameOfficer)
        .with_vietnamese("Cán bộ đề nghị hủy không được tự duyệt; cần một cán bộ khác duyệt")
        .with_subject("reversal_request/" + id);
  }
  if (!approve) platform::text::require_text(note, "note", 500, true);
}

}  // namespace vnn::donation::rules
