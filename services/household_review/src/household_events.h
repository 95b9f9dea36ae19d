#pragma once
// Events about one household, in its own stream of versions (registered = 1), written to the
// outbox in the caller's transaction. Payloads carry the household id, unit, flags and a masked
// name — never a citizen id, a full name or an address.

#include <google/protobuf/message.h>

#include <pqxx/pqxx>
#include <string>

#include "vnn/platform/events/outbox.h"

namespace vnn::household_review {

// Bumps the household's event version (locking its row until commit) and appends the event.
void emit_household_event(pqxx::transaction_base& tx, const platform::events::OutboxWriter& outbox,
                          std::int64_t household_id, const std::string& event_name,
                          const google::protobuf::Message& payload);

// Locks the household's row without emitting (a change that announces itself later).
void lock_household(pqxx::transaction_base& tx, std::int64_t household_id);

}  // namespace vnn::household_review
