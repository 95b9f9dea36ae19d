#pragma once
// Maker–checker: the officer who put a household forward — by submitting its list or by
// resubmitting it after a return — may not also decide on it. Holding both roles (commune officer
// and district officer) does not lift this: subjects are compared, not roles.

#include <string>

namespace vnn::household_review::rules {

struct WhoPutForward {
  std::string candidacy_submitter;   // candidacy.submitted_by: last submitted or resubmitted by
  std::string submission_submitter;  // submission.submitted_by: who sent the list
};

// Throws PERMISSION_DENIED with reason SAME_OFFICER when `reviewer` is either of them.
void require_other_officer(const std::string& reviewer, const WhoPutForward& makers);

}  // namespace vnn::household_review::rules
