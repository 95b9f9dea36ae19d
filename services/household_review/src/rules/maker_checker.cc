#include "rules/maker_checker.h"

#include "vnn/platform/errors.h"

namespace vnn::household_review::rules {

void require_other_officer(const std::string& reviewer, const WhoPutForward& makers) {
  if (reviewer == makers.candidacy_submitter || reviewer == makers.submission_submitter) {
    throw platform::permission_denied("the officer who submitted a household cannot review it")
        .with_reason(platform::reason::kSameOfficer)
        .with_vietnamese(
            "Cán bộ đã đề nghị hộ này không được tự xét duyệt; cần một cán bộ khác của huyện.");
  }
}

}  // namespace vnn::household_review::rules
