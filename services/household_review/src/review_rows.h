#pragma once
// Reading campaigns, submissions and candidacies back into their messages.

#include <optional>
#include <pqxx/pqxx>
#include <string>

#include "rules/candidacy.h"
#include "vnn/household_review/v1/household_review.pb.h"
#include "vnn/platform/date.h"

namespace vnn::household_review {

struct CampaignFacts {
  std::string id, name, unit_code;
  platform::Date starts_on, ends_on;
  std::optional<platform::Date> household_lists_due;  // see rules/submission_deadline.h
};

// INVALID_ARGUMENT on `field` for a campaign this service has not learned of.
CampaignFacts require_campaign(pqxx::transaction_base& tx, const std::string& id,
                               const std::string& field);

bool load_submission(pqxx::transaction_base& tx, std::int64_t id, v1::Submission* out);
bool load_candidacy(pqxx::transaction_base& tx, const std::string& campaign_id,
                    std::int64_t household_id, v1::Candidacy* out);

// The candidacy's state as the rules see it; nullopt when there is no candidacy.
std::optional<rules::CandidacyState> candidacy_state(const v1::Candidacy& candidacy);

// Moves a candidacy to `to` (a move rules::next_candidacy_state allowed), keeping the transition
// (who, why) for ever.
void record_transition(pqxx::transaction_base& tx, const std::string& campaign_id,
                       std::int64_t household_id, rules::CandidacyState from,
                       rules::CandidacyState to, const std::string& actor,
                       const std::string& reason);

}  // namespace vnn::household_review
