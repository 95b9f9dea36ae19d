#include "rules/duplicates.h"

#include "rules/scope.h"
#include "vnn/platform/auth/scope.h"
#include "vnn/platform/errors.h"

namespace vnn::household_review::rules {

void require_no_open_duplicate(CandidacyEvent decision, bool has_open_duplicate,
                               std::int64_t household_id) {
  if (decision != CandidacyEvent::kApprove || !has_open_duplicate) return;
  throw platform::failed_precondition(
      "the household has an open duplicate question: resolve it first")
      .with_reason(reason::kDuplicateOpen)
      .with_vietnamese(
          "Hộ đang có nghi vấn trùng lặp chưa được kết luận: cần kết luận trước khi duyệt.")
      .with_subject("household/" + std::to_string(household_id));
}

bool may_see_pair(const platform::auth::Principal& who, const platform::units::AdminUnitTree& units,
                  const DuplicatePair& pair) {
  return acts_for_household(who, units, pair.household_unit_code) ||
         acts_for_household(who, units, pair.other_unit_code);
}

void require_covers_pair(const platform::auth::Principal& who,
                         const platform::units::AdminUnitTree& units, const DuplicatePair& pair) {
  if (!acts_for_household(who, units, pair.household_unit_code) ||
      !acts_for_household(who, units, pair.other_unit_code)) {
    throw platform::not_in_scope("the pair is not entirely within your units")
        .with_vietnamese("Cặp hộ này không nằm trọn trong các đơn vị được giao cho bạn.");
  }
}

PairOutcome decide_pair(const DuplicatePair& pair, DuplicateVerdict verdict,
                        std::int64_t keep_household_id) {
  if (!pair.decided_by.empty()) {
    throw platform::failed_precondition("the pair was already decided by " + pair.decided_by)
        .with_reason(reason::kAlreadyDecided)
        .with_vietnamese("Cặp hộ này đã được " + pair.decided_by + " kết luận.");
  }
  if (verdict == DuplicateVerdict::kNotDuplicate) return {};
  // A merged household is neither merged again nor a merger's target: every merged household
  // points at one that stands.
  if (pair.household_merged || pair.other_merged) {
    throw platform::failed_precondition(
        "a household of the pair was merged into another already; decide the pair it "
        "forms with that household instead")
        .with_reason(reason::kHouseholdAlreadyMerged)
        .with_vietnamese(
            "Một hộ của cặp này đã được gộp vào hộ khác; hãy xem xét cặp của hộ còn lại.");
  }
  PairOutcome out;
  out.keep = keep_household_id == 0 ? pair.household_id : keep_household_id;
  if (out.keep != pair.household_id && out.keep != pair.other_household_id) {
    throw platform::invalid_argument("keep_household_id", "is neither household of the pair",
                                     "không phải một trong hai hộ của cặp");
  }
  out.merged = out.keep == pair.household_id ? pair.other_household_id : pair.household_id;
  return out;
}

}  // namespace vnn::household_review::rules
