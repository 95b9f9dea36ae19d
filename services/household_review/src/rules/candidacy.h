#pragma once
// Where one household's review in one campaign stands, and what moves it: the candidacy state
// machine. The database keeps the state as a word (candidacy.state) and every move as a
// candidacy_transition row; this file decides which moves are allowed.
//
//   event                      allowed from                         leads to
//   submit (on a list)         no candidacy, submitted, withdrawn   submitted
//   resubmit                   returned                             submitted
//   approve / reject / return  submitted                            approved / rejected / returned
//   left out of a new list     submitted                            withdrawn
//   merged away                any state but withdrawn              withdrawn

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "vnn/platform/errors.h"

namespace vnn::household_review::rules {

enum class CandidacyState { kSubmitted, kApproved, kRejected, kReturned, kWithdrawn };
inline constexpr std::array<CandidacyState, 5> kCandidacyStates{
    CandidacyState::kSubmitted, CandidacyState::kApproved, CandidacyState::kRejected,
    CandidacyState::kReturned, CandidacyState::kWithdrawn};

enum class CandidacyEvent {
  kSubmit,    // the household is on a list the commune submits (first or replacing)
  kResubmit,  // the commune sends a returned household back with what was asked for
  kApprove,   // the district's decisions
  kReject,
  kReturn,
  kLeftOutOfList,  // a replacing list leaves the household out
  kMergedAway,     // a duplicate decision merged the household into another
};
inline constexpr std::array<CandidacyEvent, 7> kCandidacyEvents{
    CandidacyEvent::kSubmit,    CandidacyEvent::kResubmit, CandidacyEvent::kApprove,
    CandidacyEvent::kReject,    CandidacyEvent::kReturn,   CandidacyEvent::kLeftOutOfList,
    CandidacyEvent::kMergedAway};

// Reason codes of the refusals below; stable once published.
namespace reason {
inline constexpr std::string_view kNotSubmitted = "NOT_SUBMITTED";
inline constexpr std::string_view kAlreadyReviewed = "ALREADY_REVIEWED";
inline constexpr std::string_view kNotReturned = "NOT_RETURNED";
inline constexpr std::string_view kWithdrawn = "CANDIDACY_WITHDRAWN";
}  // namespace reason

// The word the database stores ("submitted", "approved", …).
std::string word_of(CandidacyState state);
// nullopt for a word that is no state.
std::optional<CandidacyState> parse_candidacy_state(std::string_view word);
// What an officer reads: "đã đề nghị", "đã duyệt", …
std::string vietnamese_name(CandidacyState state);

// The state `event` moves a candidacy to from `from` (nullopt: the household has no candidacy in
// the campaign yet). Throws platform::Error when the event is not allowed there:
//   no candidacy, any event but submit   INVALID_ARGUMENT on household_id, NOT_SUBMITTED
//   a decision on a decided household   FAILED_PRECONDITION, ALREADY_REVIEWED
//   anything but submit on withdrawn    FAILED_PRECONDITION, CANDIDACY_WITHDRAWN
//   resubmit unless returned            FAILED_PRECONDITION, NOT_RETURNED
//   submit or left out once reviewed    FAILED_PRECONDITION, ALREADY_REVIEWED
// Submitting a household that is submitted leaves it submitted (a replacing list names it again).
CandidacyState next_candidacy_state(std::optional<CandidacyState> from, CandidacyEvent event);

// What is thrown for a household without a candidacy in the campaign: INVALID_ARGUMENT on
// household_id, NOT_SUBMITTED.
platform::Error not_submitted();

// The review decisions an officer makes, as events.
bool is_review_decision(CandidacyEvent event);

}  // namespace vnn::household_review::rules
