#include "review_rows.h"

#include "proto_names.h"
#include "vnn/platform/errors.h"
#include "vnn/platform/proto_convert.h"

namespace vnn::household_review {

CampaignFacts require_campaign(pqxx::transaction_base& tx, const std::string& id,
                               const std::string& field) {
  auto rows = tx.exec_prepared("campaign_get", id);
  if (rows.empty()) throw platform::invalid_argument(field, "unknown campaign");
  CampaignFacts out;
  out.id = id;
  out.name = rows[0][0].c_str();
  out.unit_code = rows[0][1].c_str();
  out.starts_on = *platform::Date::parse_iso(rows[0][2].c_str());
  out.ends_on = *platform::Date::parse_iso(rows[0][3].c_str());
  if (!rows[0][4].is_null())
    out.household_lists_due = platform::Date::parse_iso(rows[0][4].c_str());
  return out;
}

bool load_submission(pqxx::transaction_base& tx, std::int64_t id, v1::Submission* out) {
  auto rows = tx.exec_prepared("submission_get", id);
  if (rows.empty()) return false;
  const auto& r = rows[0];
  out->set_id(id);
  out->set_campaign_id(r[0].c_str());
  out->set_unit_code(r[1].c_str());
  out->set_version(r[2].as<int>());
  out->set_proposal_reference(r[3].c_str());
  out->set_late(r[4].as<bool>());
  if (!r[5].is_null())
    platform::to_proto(*platform::Date::parse_iso(r[5].c_str()), out->mutable_deadline());
  out->set_submitted_by(r[6].c_str());
  out->mutable_submitted_at()->set_seconds(r[7].as<std::int64_t>());
  if (!r[8].is_null()) {
    out->set_override_by(r[8].c_str());
    out->set_override_reason(r[9].c_str());
    out->mutable_override_at()->set_seconds(r[10].as<std::int64_t>());
  }
  platform::to_proto(*platform::Date::parse_iso(r[11].c_str()), out->mutable_received_on());
  for (const auto& h : tx.exec_prepared("submission_households", id)) {
    out->add_household_ids(h[0].as<std::int64_t>());
  }
  return true;
}

bool load_candidacy(pqxx::transaction_base& tx, const std::string& campaign_id,
                    std::int64_t household_id, v1::Candidacy* out) {
  auto rows = tx.exec_prepared("candidacy_get", campaign_id, household_id);
  if (rows.empty()) return false;
  const auto& r = rows[0];
  out->set_campaign_id(campaign_id);
  out->set_household_id(household_id);
  out->set_submission_id(r[0].as<std::int64_t>());
  out->set_state(parse_candidacy_state(r[1].c_str()));
  out->set_unit_code(r[2].c_str());
  out->set_masked_name(r[3].c_str());
  if (!r[4].is_null()) out->set_assigned_organisation_id(r[4].c_str());
  for (const auto& t : tx.exec_prepared("candidacy_history", campaign_id, household_id)) {
    auto* step = out->add_history();
    if (!t[0].is_null()) step->set_from(parse_candidacy_state(t[0].c_str()));
    step->set_to(parse_candidacy_state(t[1].c_str()));
    step->set_by(t[2].c_str());
    step->set_reason(t[3].c_str());
    step->mutable_at()->set_seconds(t[4].as<std::int64_t>());
  }
  return true;
}

std::optional<rules::CandidacyState> candidacy_state(const v1::Candidacy& candidacy) {
  return rules::parse_candidacy_state(candidacy_state_name(candidacy.state()));
}

void record_transition(pqxx::transaction_base& tx, const std::string& campaign_id,
                       std::int64_t household_id, rules::CandidacyState from,
                       rules::CandidacyState to, const std::string& actor,
                       const std::string& reason) {
  const auto to_word = rules::word_of(to);
  tx.exec_prepared("candidacy_set_state", campaign_id, household_id, to_word);
  tx.exec_prepared("candidacy_transition_insert", campaign_id, household_id, rules::word_of(from),
                   to_word, actor, reason);
}

}  // namespace vnn::household_review
