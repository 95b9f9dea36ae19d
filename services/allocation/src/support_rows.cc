#include "support_rows.h"

#include "vnn/platform/date.h"
#include "vnn/platform/proto_convert.h"

namespace vnn::allocation {
namespace {

void set_date(const pqxx::field& field, common::v1::Date* out) {
  if (field.is_null()) return;
  if (auto date = platform::Date::parse_iso(field.c_str())) platform::to_proto(*date, out);
}

std::string text(const pqxx::field& field) { return field.is_null() ? "" : field.c_str(); }

}  // namespace

SupportRow support_row(const pqxx::row& row) {
  SupportRow s;
  s.id = row[0].as<std::int64_t>();
  s.campaign_id = row[1].c_str();
  s.household_id = row[2].as<std::int64_t>();
  s.unit_code = row[3].c_str();
  s.masked_name = row[4].c_str();
  s.kind = rules::parse_kind(row[5].c_str()).value_or(rules::SupportKind::kFoodAndGifts);
  s.state = rules::parse_state(row[6].c_str()).value_or(rules::SupportState::kProposed);
  s.organisation_id = row[9].c_str();
  s.total = row[11].as<std::int64_t>();
  s.from_funds = row[12].as<std::int64_t>();
  s.proposed_by = row[14].c_str();
  s.version = row[21].as<std::int64_t>();
  s.proposed_on = row[22].c_str();
  return s;
}

v1::SupportKind to_proto(rules::SupportKind kind) { return static_cast<v1::SupportKind>(kind); }
v1::SupportState to_proto(rules::SupportState state) {
  return static_cast<v1::SupportState>(state);
}
v1::FundingSource to_proto(rules::FundingSource source) {
  return static_cast<v1::FundingSource>(source);
}

std::optional<v1::Support> load_support(pqxx::transaction_base& tx, std::int64_t id,
                                        bool with_history) {
  const auto rows = tx.exec_prepared("support_get", id);
  if (rows.empty()) return std::nullopt;
  const auto& row = rows[0];
  const auto s = support_row(row);
  v1::Support out;
  out.set_id(s.id);
  out.set_campaign_id(s.campaign_id);
  out.set_household_id(s.household_id);
  out.set_unit_code(s.unit_code);
  out.set_masked_name(s.masked_name);
  out.set_kind(to_proto(s.kind));
  out.set_state(to_proto(s.state));
  out.set_regulation_version(row[7].c_str());
  out.set_land_use_certificate(row[8].c_str());
  out.set_organisation_id(s.organisation_id);
  out.set_note(row[10].c_str());
  out.mutable_total()->set_dong(s.total);
  out.mutable_from_funds()->set_dong(s.from_funds);
  out.mutable_disbursed()->set_dong(row[13].as<std::int64_t>());
  out.set_proposed_by(s.proposed_by);
  out.set_approved_by(text(row[15]));
  set_date(row[16], out.mutable_disbursed_on());
  out.set_disbursement_evidence(text(row[17]));
  set_date(row[18], out.mutable_completed_on());
  out.set_completion_evidence(text(row[19]));
  out.set_cancel_reason(text(row[20]));
  for (const auto& part : tx.exec_prepared("support_funding_of", id)) {
    auto* p = out.add_funding();
    if (const auto source = rules::parse_source(part[0].c_str())) p->set_source(to_proto(*source));
    p->set_fund_id(part[1].c_str());
    p->mutable_amount()->set_dong(part[2].as<std::int64_t>());
    p->set_sponsor(part[3].c_str());
    p->set_reference(part[4].c_str());
    p->mutable_disbursed()->set_dong(part[5].as<std::int64_t>());
  }
  if (with_history) {
    for (const auto& t : tx.exec_prepared("support_history", id)) {
      auto* h = out.add_history();
      if (const auto from = rules::parse_state(t[0].c_str())) h->set_from(to_proto(*from));
      if (const auto to = rules::parse_state(t[1].c_str())) h->set_to(to_proto(*to));
      h->set_by(t[2].c_str());
      h->set_note(t[3].c_str());
      h->mutable_at()->set_seconds(t[4].as<std::int64_t>());
    }
  }
  return out;
}

std::optional<SupportRow> lock_support(pqxx::transaction_base& tx, std::int64_t id) {
  const auto rows = tx.exec_prepared("support_lock", id);
  if (rows.empty()) return std::nullopt;
  return support_row(rows[0]);
}

void emit_support_event(pqxx::transaction_base& tx, const platform::events::OutboxWriter& outbox,
                        const v1::Support& support, rules::SupportState state,
                        std::int64_t version) {
  v1::SupportChanged event;
  *event.mutable_support() = support;
  event.mutable_support()->clear_history();
  // Events show a household by id, unit and masked name only: a land use certificate's number
  // leads to its holder through the land register, so it stays behind GetSupport's checks.
  event.mutable_support()->clear_land_use_certificate();
  outbox.append(tx, {.aggregate_type = "support",
                     .event_name = std::string(rules::state_word(state)),
                     .aggregate_id = std::to_string(support.id()),
                     .aggregate_version = version,
                     .payload = &event});
}

}  // namespace vnn::allocation
