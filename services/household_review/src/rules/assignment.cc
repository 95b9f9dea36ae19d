#include "rules/assignment.h"

#include <algorithm>
#include <cctype>

#include "vnn/platform/errors.h"
#include "vnn/platform/text/text.h"

namespace vnn::household_review::rules {

void require_organisation_id(const std::string& id) {
  const bool ok =
      !id.empty() && id.size() <= 64 && std::all_of(id.begin(), id.end(), [](unsigned char c) {
        return std::isalnum(c) || c == '-' || c == '_' || c == '.';
      });
  if (!ok) {
    throw platform::invalid_argument("organisation_id",
                                     "must be 1–64 letters, digits, '-', '_' or '.'",
                                     "gồm 1–64 chữ cái, chữ số, '-', '_' hoặc '.'");
  }
}

void require_assignable(std::optional<CandidacyState> state, const std::string& previous,
                        const std::string& organisation_id, const std::string& why) {
  if (!state) throw not_submitted();
  if (*state != CandidacyState::kApproved) {
    throw platform::failed_precondition("only an approved household is assigned; it is " +
                                        word_of(*state))
        .with_reason(reason::kNotApproved)
        .with_vietnamese("Chỉ hộ đã được duyệt mới được phân công; hộ này " +
                         vietnamese_name(*state) + ".");
  }
  if (previous == organisation_id) {
    throw platform::failed_precondition("the household is already assigned to " + previous)
        .with_reason(reason::kAlreadyAssigned)
        .with_vietnamese("Hộ đã được phân công cho " + previous + ".");
  }
  if (!previous.empty() &&
      platform::text::check_text(why, 500, true) != platform::text::TextProblem::kNone) {
    throw platform::invalid_argument("reason", "is required to reassign a household",
                                     "bắt buộc khi phân công lại hộ");
  }
}

}  // namespace vnn::household_review::rules
