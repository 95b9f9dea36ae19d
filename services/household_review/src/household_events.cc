#include "household_events.h"

#include "vnn/platform/errors.h"

namespace vnn::household_review {

void emit_household_event(pqxx::transaction_base& tx, const platform::events::OutboxWriter& outbox,
                          std::int64_t household_id, const std::string& event_name,
                          const google::protobuf::Message& payload) {
  auto rows = tx.exec_prepared("household_bump_version", household_id);
  if (rows.empty()) throw platform::not_found("no household " + std::to_string(household_id));
  outbox.append(tx, {.aggregate_type = "household",
                     .event_name = event_name,
                     .aggregate_id = std::to_string(household_id),
                     .aggregate_version = rows[0][0].as<std::int64_t>(),
                     .payload = &payload});
}

void lock_household(pqxx::transaction_base& tx, std::int64_t household_id) {
  if (tx.exec_prepared("household_lock", household_id).empty()) {
    throw platform::not_found("no household " + std::to_string(household_id));
  }
}

}  // namespace vnn::household_review
