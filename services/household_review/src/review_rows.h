#pragma once
// Reading campaigns, submissions and candidacies back into their messages.

#include <optional>
#include <pqxx/pqxx>
#include <string>

#include "vnn/household_review/v1/household_review.pb.h"
#include "vnn/platform/date.h"

namespace vnn::household_review {

struct CampaignFacts {
  std::string id, name, unit_code;
  platform::Date starts_on, ends_on;
  std::optional<platform::Date> household_lists_due;
  // True once the household lists' deadline (24:00 in Vietnam on its day) has passed.
  bool lists_closed(std::chrono::system_clock::time_point now) const;
};

// INVALID_ARGUMENT on `field` for a campaign this service has not learned of.
CampaignFacts require_campaign(pqxx::transaction_base& tx, const std::string& id,
                               const std::string& field);

bool load_submission(pqxx::transaction_base& tx, std::int64_t id, v1::Submission* out);
bool load_candidacy(pqxx::transaction_base& tx, const std::string& campaign_id,
                    std::int64_t household_id, v1::Candidacy* out);

// Moves a candidacy to `to`, keeping the transition (who, why) for ever.
void record_transition(pqxx::transaction_base& tx, const std::string& campaign_id,
                       std::int64_t household_id, const std::string& from, const std::string& to,
                       const std::string& actor, const std::string& reason);

}  // namespace vnn::household_review
