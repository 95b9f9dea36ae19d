#include "rules/candidacy.h"

#include "vnn/platform/enum_words.h"

namespace vnn::household_review::rules {
namespace {

using platform::Error;
using platform::failed_precondition;

constexpr platform::EnumWords<CandidacyState, 5> kWords{
    {{CandidacyState::kSubmitted, "submitted"},
     {CandidacyState::kApproved, "approved"},
     {CandidacyState::kRejected, "rejected"},
     {CandidacyState::kReturned, "returned"},
     {CandidacyState::kWithdrawn, "withdrawn"}}};

constexpr platform::EnumWords<CandidacyState, 5> kVietnamese{
    {{CandidacyState::kSubmitted, "đã đề nghị"},
     {CandidacyState::kApproved, "đã duyệt"},
     {CandidacyState::kRejected, "không được duyệt"},
     {CandidacyState::kReturned, "bị trả lại để bổ sung"},
     {CandidacyState::kWithdrawn, "đã rút khỏi danh sách"}}};

Error already_decided(CandidacyState state) {
  return failed_precondition("the household is already " + word_of(state) + " in this campaign")
      .with_reason(reason::kAlreadyReviewed)
      .with_vietnamese("Hộ đã được xét trong đợt này (" + vietnamese_name(state) +
                       "); không xét lại.");
}

// A replacing list may not touch a household the district has decided on.
Error list_cannot_change(CandidacyState state) {
  return failed_precondition("the district has already reviewed the household (" + word_of(state) +
                             "): the list can no longer change it")
      .with_reason(reason::kAlreadyReviewed)
      .with_vietnamese("Huyện đã xét hộ này (" + vietnamese_name(state) +
                       "): danh sách không còn được thay đổi đối với hộ.");
}

Error not_returned(CandidacyState state) {
  return failed_precondition(
             "only a household returned for more information can be resubmitted; it is " +
             word_of(state))
      .with_reason(reason::kNotReturned)
      .with_vietnamese("Chỉ hộ bị trả lại để bổ sung thông tin mới được đề nghị lại; hộ này " +
                       vietnamese_name(state) + ".");
}

Error withdrawn() {
  return failed_precondition("the household is already withdrawn in this campaign")
      .with_reason(reason::kWithdrawn)
      .with_vietnamese("Hộ đã được rút khỏi danh sách của đợt vận động này.");
}

bool decided(CandidacyState state) {
  return state == CandidacyState::kApproved || state == CandidacyState::kRejected ||
         state == CandidacyState::kReturned;
}

}  // namespace

Error not_submitted() {
  auto error = platform::invalid_argument("household_id", "was not submitted for this campaign",
                                          "hộ chưa được đề nghị trong đợt vận động này");
  error.with_reason(reason::kNotSubmitted);
  return error;
}

std::string word_of(CandidacyState state) { return platform::word_of(kWords, state); }

std::optional<CandidacyState> parse_candidacy_state(std::string_view word) {
  for (const auto& [state, w] : kWords) {
    if (word == w) return state;
  }
  return std::nullopt;
}

std::string vietnamese_name(CandidacyState state) { return platform::word_of(kVietnamese, state); }

bool is_review_decision(CandidacyEvent event) {
  return event == CandidacyEvent::kApprove || event == CandidacyEvent::kReject ||
         event == CandidacyEvent::kReturn;
}

CandidacyState next_candidacy_state(std::optional<CandidacyState> from, CandidacyEvent event) {
  using enum CandidacyEvent;
  if (!from) {
    if (event == kSubmit) return CandidacyState::kSubmitted;
    throw not_submitted();
  }
  const CandidacyState state = *from;
  switch (event) {
    case kSubmit:
      if (decided(state)) throw list_cannot_change(state);
      return CandidacyState::kSubmitted;
    case kResubmit:
      if (state != CandidacyState::kReturned) throw not_returned(state);
      return CandidacyState::kSubmitted;
    case kApprove:
    case kReject:
    case kReturn:
      if (state == CandidacyState::kWithdrawn) throw withdrawn();
      if (state != CandidacyState::kSubmitted) throw already_decided(state);
      return event == kApprove  ? CandidacyState::kApproved
             : event == kReject ? CandidacyState::kRejected
                                : CandidacyState::kReturned;
    case kLeftOutOfList:
      if (state == CandidacyState::kWithdrawn) throw withdrawn();
      if (decided(state)) throw list_cannot_change(state);
      return CandidacyState::kWithdrawn;
    case kMergedAway:
      // A merged household leaves every campaign, whatever was decided on it.
      if (state == CandidacyState::kWithdrawn) throw withdrawn();
      return CandidacyState::kWithdrawn;
  }
  throw platform::Error(platform::ErrorCode::kInternal, "unknown candidacy event");
}

}  // namespace vnn::household_review::rules
