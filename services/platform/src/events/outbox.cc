#include "vnn/platform/events/outbox.h"

#include <google/protobuf/util/time_util.h>

#include <array>
#include <chrono>
#include <random>

#include "vnn/common/v1/event.pb.h"
#include "vnn/platform/db/after_commit.h"
#include "vnn/platform/db/arrays.h"
#include "vnn/platform/events/outbox_notifier.h"
#include "vnn/platform/log.h"

namespace vnn::platform::events {

std::string outbox_channel(const std::string& schema) { return "vnn_outbox_" + schema; }

std::string event_subject(const std::string& producer, const std::string& aggregate_type,
                          const std::string& event_name) {
  return "vnn." + producer + "." + aggregate_type + "." + event_name;
}

std::string new_uuid() {
  thread_local std::mt19937_64 random{
      std::random_device{}() ^
      static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count())};
  const auto millis =
      static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                     std::chrono::system_clock::now().time_since_epoch())
                                     .count());
  std::array<unsigned char, 16> bytes{};
  for (int i = 0; i < 6; ++i) bytes[i] = static_cast<unsigned char>(millis >> (40 - 8 * i));
  std::uint64_t a = random();
  std::uint64_t b = random();
  for (int i = 6; i < 16; ++i) {
    bytes[i] = static_cast<unsigned char>(i < 11 ? a >> (8 * (i - 6)) : b >> (8 * (i - 11)));
  }
  bytes[6] = static_cast<unsigned char>((bytes[6] & 0x0f) | 0x70);  // version 7
  bytes[8] = static_cast<unsigned char>((bytes[8] & 0x3f) | 0x80);  // RFC 4122 variant
  static const char* hex = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    out += hex[bytes[i] >> 4];
    out += hex[bytes[i] & 0xf];
  }
  return out;
}

OutboxWriter::OutboxWriter(std::string producer, OutboxNotifier* notifier)
    : producer_(std::move(producer)), notifier_(notifier) {}

void OutboxWriter::prepare(pqxx::connection& connection) {
  connection.prepare("vnn_outbox_append",
                     "INSERT INTO outbox (event_id, subject, aggregate_type, aggregate_id, "
                     "aggregate_version, envelope) VALUES ($1, $2, $3, $4, $5, $6)");
  connection.prepare("vnn_outbox_append_batch", insert_sql(1));
}

namespace {

vnn::common::v1::EventEnvelope make_envelope(const std::string& producer, const EventDraft& draft) {
  vnn::common::v1::EventEnvelope envelope;
  envelope.set_event_id(new_uuid());
  envelope.set_type(draft.aggregate_type + "." + draft.event_name);
  envelope.set_producer(producer);
  *envelope.mutable_occurred_at() = google::protobuf::util::TimeUtil::GetCurrentTime();
  envelope.set_aggregate_type(draft.aggregate_type);
  envelope.set_aggregate_id(draft.aggregate_id);
  envelope.set_aggregate_version(draft.aggregate_version);
  envelope.set_correlation_id(draft.correlation_id.empty() ? log::correlation_id()
                                                           : draft.correlation_id);
  if (draft.payload != nullptr) envelope.mutable_payload()->PackFrom(*draft.payload);
  return envelope;
}

}  // namespace

std::string OutboxWriter::insert_sql(int first_param) {
  auto param = [first_param](int k) { return "$" + std::to_string(first_param + k); };
  // In array order, so seq (and publication) follows the order of the batch.
  return "INSERT INTO outbox (event_id, subject, aggregate_type, aggregate_id, "
         "aggregate_version, envelope) SELECT e::uuid, s, t, a, v::bigint, decode(b, 'hex') "
         "FROM unnest(" +
         param(0) + "::text[], " + param(1) + "::text[], " + param(2) + "::text[], " + param(3) +
         "::text[], " + param(4) + "::text[], " + param(5) +
         "::text[]) WITH ORDINALITY AS x(e, s, t, a, v, b, n) ORDER BY n";
}

OutboxWriter::StagedEvents OutboxWriter::stage(const std::vector<EventDraft>& drafts) const {
  std::vector<std::string> ids, subjects, types, aggregates, versions, envelopes;
  for (const auto& draft : drafts) {
    auto envelope = make_envelope(producer_, draft);
    ids.push_back(envelope.event_id());
    subjects.push_back(event_subject(producer_, draft.aggregate_type, draft.event_name));
    types.push_back(draft.aggregate_type);
    aggregates.push_back(draft.aggregate_id);
    versions.push_back(std::to_string(draft.aggregate_version));
    envelopes.push_back(db::to_hex(envelope.SerializeAsString()));
  }
  if (notifier_ != nullptr && !drafts.empty()) {
    db::after_commit([notifier = notifier_] { notifier->poke(); });
  }
  return {db::text_array(ids),        db::text_array(subjects), db::text_array(types),
          db::text_array(aggregates), db::text_array(versions), db::text_array(envelopes)};
}

void OutboxWriter::append_batch(pqxx::transaction_base& tx,
                                const std::vector<EventDraft>& drafts) const {
  if (drafts.empty()) return;
  const StagedEvents events = stage(drafts);
  tx.exec_prepared("vnn_outbox_append_batch", events.event_ids, events.subjects,
                   events.aggregate_types, events.aggregate_ids, events.versions, events.envelopes);
}

std::string OutboxWriter::append(pqxx::transaction_base& tx, const EventDraft& draft) const {
  const auto envelope = make_envelope(producer_, draft);
  const std::string bytes = envelope.SerializeAsString();
  tx.exec_prepared("vnn_outbox_append", envelope.event_id(),
                   event_subject(producer_, draft.aggregate_type, draft.event_name),
                   draft.aggregate_type, draft.aggregate_id, draft.aggregate_version,
                   pqxx::binarystring(bytes.data(), bytes.size()));
  if (notifier_ != nullptr) db::after_commit([notifier = notifier_] { notifier->poke(); });
  return envelope.event_id();
}

}  // namespace vnn::platform::events
