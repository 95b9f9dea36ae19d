#pragma once
// Writing events: in the same transaction as the change they describe. Nothing is sent here;
// the relay publishes committed events, so an event exists if and only if its change committed.

#include <google/protobuf/message.h>

#include <cstdint>
#include <pqxx/pqxx>
#include <string>
#include <vector>

namespace vnn::platform::events {

struct EventDraft {
  std::string aggregate_type;  // "donation"
  std::string event_name;      // "recorded": the type is "<aggregate_type>.<event_name>"
  std::string aggregate_id;
  std::int64_t aggregate_version = 1;  // the aggregate's version after this change
  const google::protobuf::Message* payload = nullptr;
  // The call the event comes from; empty: the current thread's (see log::CorrelationScope). A
  // group commit writes the events of many calls from one thread.
  std::string correlation_id;
};

class OutboxNotifier;

class OutboxWriter {
 public:
  // `producer`: the service name (subjects are vnn.<producer>.<aggregate_type>.<event_name>);
  // `notifier`, if any, is poked after the writing transaction commits, to wake the relay.
  explicit OutboxWriter(std::string producer, OutboxNotifier* notifier = nullptr);

  // Appends the event inside `tx` and returns its event id. The correlation id is the current
  // thread's (see log::CorrelationScope).
  std::string append(pqxx::transaction_base& tx, const EventDraft& draft) const;
  // Appends many events in one statement (bulk intake), in the given order.
  void append_batch(pqxx::transaction_base& tx, const std::vector<EventDraft>& drafts) const;

  // Events as parameters of a statement of the caller's, which inserts them through
  // insert_sql(): a batch can then write its rows and their events in one round trip. The
  // relay is woken when the current transaction commits, as for append_batch.
  struct StagedEvents {
    std::string event_ids, subjects, aggregate_types, aggregate_ids, versions, envelopes;
  };
  StagedEvents stage(const std::vector<EventDraft>& drafts) const;
  // An INSERT of staged events, in their order, usable as a data-modifying WITH query; its six
  // text[] parameters are $first_param … $first_param+5, in StagedEvents' order.
  static std::string insert_sql(int first_param);

  // Statements this writer uses; call on every new pool connection.
  static void prepare(pqxx::connection& connection);

 private:
  std::string producer_;
  OutboxNotifier* notifier_;
};

std::string outbox_channel(const std::string& schema);
std::string event_subject(const std::string& producer, const std::string& aggregate_type,
                          const std::string& event_name);
// A new time-ordered UUID (version 7), so ids sort roughly by creation.
std::string new_uuid();

}  // namespace vnn::platform::events
