// The candidacy state machine on every (state, event) pair, "no candidacy yet" included.

#include "rules/candidacy.h"

#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <string>
#include <utility>

namespace vnn::household_review::rules {
namespace {

using enum CandidacyEvent;
using From = std::optional<CandidacyState>;

// Either the state an event leads to, or the reason code of its refusal.
struct Outcome {
  std::optional<CandidacyState> to;
  std::string_view refusal;
};
Outcome moves_to(CandidacyState to) { return {to, {}}; }
Outcome refused(std::string_view reason) { return {std::nullopt, reason}; }

const CandidacyState kSubmitted = CandidacyState::kSubmitted;
const CandidacyState kApproved = CandidacyState::kApproved;
const CandidacyState kRejected = CandidacyState::kRejected;
const CandidacyState kReturned = CandidacyState::kReturned;
const CandidacyState kWithdrawn = CandidacyState::kWithdrawn;

// The whole machine, one row per state, one column per event.
const std::map<std::pair<From, CandidacyEvent>, Outcome>& expected() {
  static const std::map<std::pair<From, CandidacyEvent>, Outcome> table{
      {{std::nullopt, kSubmit}, moves_to(kSubmitted)},
      {{std::nullopt, kResubmit}, refused(reason::kNotSubmitted)},
      {{std::nullopt, kApprove}, refused(reason::kNotSubmitted)},
      {{std::nullopt, kReject}, refused(reason::kNotSubmitted)},
      {{std::nullopt, kReturn}, refused(reason::kNotSubmitted)},
      {{std::nullopt, kLeftOutOfList}, refused(reason::kNotSubmitted)},
      {{std::nullopt, kMergedAway}, refused(reason::kNotSubmitted)},

      {{kSubmitted, kSubmit}, moves_to(kSubmitted)},
      {{kSubmitted, kResubmit}, refused(reason::kNotReturned)},
      {{kSubmitted, kApprove}, moves_to(kApproved)},
      {{kSubmitted, kReject}, moves_to(kRejected)},
      {{kSubmitted, kReturn}, moves_to(kReturned)},
      {{kSubmitted, kLeftOutOfList}, moves_to(kWithdrawn)},
      {{kSubmitted, kMergedAway}, moves_to(kWithdrawn)},

      {{kApproved, kSubmit}, refused(reason::kAlreadyReviewed)},
      {{kApproved, kResubmit}, refused(reason::kNotReturned)},
      {{kApproved, kApprove}, refused(reason::kAlreadyReviewed)},
      {{kApproved, kReject}, refused(reason::kAlreadyReviewed)},
      {{kApproved, kReturn}, refused(reason::kAlreadyReviewed)},
      {{kApproved, kLeftOutOfList}, refused(reason::kAlreadyReviewed)},
      {{kApproved, kMergedAway}, moves_to(kWithdrawn)},

      {{kRejected, kSubmit}, refused(reason::kAlreadyReviewed)},
      {{kRejected, kResubmit}, refused(reason::kNotReturned)},
      {{kRejected, kApprove}, refused(reason::kAlreadyReviewed)},
      {{kRejected, kReject}, refused(reason::kAlreadyReviewed)},
      {{kRejected, kReturn}, refused(reason::kAlreadyReviewed)},
      {{kRejected, kLeftOutOfList}, refused(reason::kAlreadyReviewed)},
      {{kRejected, kMergedAway}, moves_to(kWithdrawn)},

      {{kReturned, kSubmit}, refused(reason::kAlreadyReviewed)},
      {{kReturned, kResubmit}, moves_to(kSubmitted)},
      {{kReturned, kApprove}, refused(reason::kAlreadyReviewed)},
      {{kReturned, kReject}, refused(reason::kAlreadyReviewed)},
      {{kReturned, kReturn}, refused(reason::kAlreadyReviewed)},
      {{kReturned, kLeftOutOfList}, refused(reason::kAlreadyReviewed)},
      {{kReturned, kMergedAway}, moves_to(kWithdrawn)},

      {{kWithdrawn, kSubmit}, moves_to(kSubmitted)},
      {{kWithdrawn, kResubmit}, refused(reason::kNotReturned)},
      {{kWithdrawn, kApprove}, refused(reason::kWithdrawn)},
      {{kWithdrawn, kReject}, refused(reason::kWithdrawn)},
      {{kWithdrawn, kReturn}, refused(reason::kWithdrawn)},
      {{kWithdrawn, kLeftOutOfList}, refused(reason::kWithdrawn)},
      {{kWithdrawn, kMergedAway}, refused(reason::kWithdrawn)},
  };
  return table;
}

std::string name_of(From from) { return from ? word_of(*from) : "(none)"; }

TEST(CandidacyTest, TheTableCoversEveryStateAndEvent) {
  EXPECT_EQ(expected().size(), (kCandidacyStates.size() + 1) * kCandidacyEvents.size());
}

TEST(CandidacyTest, EveryStateAndEventMovesOrIsRefusedAsTheTableSays) {
  std::vector<From> froms{std::nullopt};
  for (auto state : kCandidacyStates) froms.emplace_back(state);
  for (const auto& from : froms) {
    for (auto event : kCandidacyEvents) {
      const auto found = expected().find({from, event});
      ASSERT_NE(found, expected().end()) << name_of(from) << ", event " << static_cast<int>(event);
      const auto& want = found->second;
      const auto where = name_of(from) + ", event " + std::to_string(static_cast<int>(event));
      try {
        const auto to = next_candidacy_state(from, event);
        ASSERT_TRUE(want.to.has_value()) << where << ": expected " << want.refusal;
        EXPECT_EQ(to, *want.to) << where;
      } catch (const platform::Error& e) {
        ASSERT_FALSE(want.to.has_value()) << where << ": refused with " << e.reason();
        EXPECT_EQ(e.reason(), want.refusal) << where;
        const auto code = want.refusal == reason::kNotSubmitted
                              ? platform::ErrorCode::kInvalidArgument
                              : platform::ErrorCode::kFailedPrecondition;
        EXPECT_EQ(e.code(), code) << where;
        // Every refusal tells the officer, in Vietnamese, about the household.
        const auto text = e.vietnamese();
        EXPECT_TRUE(text.find("hộ") != std::string::npos || text.find("Hộ") != std::string::npos)
            << where << ": " << text;
      }
    }
  }
}

TEST(CandidacyTest, ANonSubmittedHouseholdIsNamedByItsField) {
  try {
    next_candidacy_state(std::nullopt, kApprove);
    FAIL() << "expected a refusal";
  } catch (const platform::Error& e) {
    EXPECT_EQ(e.field(), "household_id");
    EXPECT_EQ(e.vietnamese(), "Trường «household_id»: hộ chưa được đề nghị trong đợt vận động này");
  }
}

TEST(CandidacyTest, RefusalsSayWhereTheHouseholdStands) {
  try {
    next_candidacy_state(kApproved, kReject);
    FAIL() << "expected a refusal";
  } catch (const platform::Error& e) {
    EXPECT_STREQ(e.what(), "the household is already approved in this campaign");
    EXPECT_NE(e.vietnamese().find("đã duyệt"), std::string::npos) << e.vietnamese();
  }
  try {
    next_candidacy_state(kSubmitted, kResubmit);
    FAIL() << "expected a refusal";
  } catch (const platform::Error& e) {
    EXPECT_NE(std::string(e.what()).find("it is submitted"), std::string::npos) << e.what();
  }
}

TEST(CandidacyTest, StateWordsAreThoseTheDatabaseStores) {
  const std::map<CandidacyState, std::string> words{{kSubmitted, "submitted"},
                                                    {kApproved, "approved"},
                                                    {kRejected, "rejected"},
                                                    {kReturned, "returned"},
                                                    {kWithdrawn, "withdrawn"}};
  for (auto state : kCandidacyStates) {
    EXPECT_EQ(word_of(state), words.at(state));
    EXPECT_EQ(parse_candidacy_state(word_of(state)), state);
    EXPECT_FALSE(vietnamese_name(state).empty());
  }
  EXPECT_EQ(parse_candidacy_state(""), std::nullopt);
  EXPECT_EQ(parse_candidacy_state("Approved"), std::nullopt);
}

TEST(CandidacyTest, OnlyApproveRejectAndReturnAreReviewDecisions) {
  for (auto event : kCandidacyEvents) {
    EXPECT_EQ(is_review_decision(event), event == kApprove || event == kReject || event == kReturn);
  }
}

}  // namespace
}  // namespace vnn::household_review::rules
