#include "rules/submission_deadline.h"

#include "vnn/platform/errors.h"

namespace vnn::household_review::rules {

using platform::failed_precondition;
using platform::invalid_argument;

bool received_late(const std::optional<platform::Date>& lists_due, const platform::Date& received) {
  return lists_due && received > *lists_due;
}

NewList accept_list(const std::optional<platform::Date>& lists_due, const ListBefore& before,
                    const platform::Date& received) {
  NewList out;
  out.late = received_late(lists_due, received);
  if (!before.latest_version) return out;
  if (out.late) {
    throw failed_precondition("the deadline for household lists (" + lists_due->vietnamese() +
                              ") had passed when the new list was received (" +
                              received.vietnamese() +
                              "): the submitted list can no longer be changed")
        .with_reason(platform::reason::kDeadlinePassed)
        .with_vietnamese("Đã quá hạn nộp danh sách hộ (" + lists_due->vietnamese() +
                         "): danh sách đã nộp không còn được thay đổi.");
  }
  if (before.district_reviewed_any) {
    throw failed_precondition(
        "the district has already reviewed households of this list: it can no longer be "
        "changed")
        .with_reason(reason::kListAlreadyReviewed)
        .with_vietnamese(
            "Huyện đã xét một số hộ trong danh sách này: danh sách không còn được thay đổi.");
  }
  out.version = *before.latest_version + 1;
  return out;
}

void require_overridable(const ListSubmission& submission) {
  if (!submission.late) {
    throw failed_precondition("the submission was not late")
        .with_reason(reason::kNotLate)
        .with_vietnamese("Danh sách này được nộp đúng hạn; không cần cho phép xét.");
  }
  if (!submission.override_by.empty()) {
    throw failed_precondition("the late submission was already let through by " +
                              submission.override_by)
        .with_reason(reason::kAlreadyOverridden)
        .with_vietnamese("Danh sách nộp muộn này đã được " + submission.override_by +
                         " cho phép xét.");
  }
}

void require_reviewable(const ListSubmission& submission) {
  if (submission.late && submission.override_by.empty()) {
    throw failed_precondition(
        "the list was submitted after the deadline: a district officer must let it through "
        "(OverrideLateSubmission) before it is reviewed")
        .with_reason(reason::kLateNotOverridden)
        .with_vietnamese(
            "Danh sách được nộp sau hạn: cần cán bộ huyện cho phép xét trước khi xét duyệt hộ.");
  }
}

}  // namespace vnn::household_review::rules
