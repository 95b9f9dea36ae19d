#pragma once
// Supports as stored and as the API shows them.

#include <cstdint>
#include <optional>
#include <pqxx/pqxx>
#include <string>

#include "rules/support_kind.h"
#include "rules/support_state.h"
#include "vnn/allocation/v1/allocation.pb.h"
#include "vnn/platform/events/outbox.h"

namespace vnn::allocation {

// The columns of a support row (statements.cc kSupportColumns) that decisions need.
struct SupportRow {
  std::int64_t id = 0;
  std::string campaign_id;
  std::int64_t household_id = 0;
  std::string unit_code;
  std::string masked_name;
  rules::SupportKind kind{};
  rules::SupportState state{};
  std::string organisation_id;
  std::int64_t total = 0;
  std::int64_t from_funds = 0;
  std::string proposed_by;
  std::string proposed_on;  // ISO date
  std::int64_t version = 0;
};
SupportRow support_row(const pqxx::row& row);

// The support with its funding and history; nullopt when no such id.
std::optional<v1::Support> load_support(pqxx::transaction_base& tx, std::int64_t id,
                                        bool with_history = true);
// The support row locked for a decision; nullopt when no such id.
std::optional<SupportRow> lock_support(pqxx::transaction_base& tx, std::int64_t id);

v1::SupportKind to_proto(rules::SupportKind kind);
v1::SupportState to_proto(rules::SupportState state);
v1::FundingSource to_proto(rules::FundingSource source);

// The event announcing a support's new state (no history: it is in this service); `version`
// is the support row's, the event's aggregate version.
void emit_support_event(pqxx::transaction_base& tx, const platform::events::OutboxWriter& outbox,
                        const v1::Support& support, rules::SupportState state,
                        std::int64_t version);

}  // namespace vnn::allocation
