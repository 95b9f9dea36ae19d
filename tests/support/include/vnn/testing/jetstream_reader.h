#pragma once
// Reads back what reached JetStream, for tests: every message on a subject filter, in stream
// order, through a throwaway durable consumer.

#include <string>
#include <vector>

#include "vnn/common/v1/event.pb.h"
#include "vnn/platform/events/nats_client.h"

namespace vnn::testing {

struct StreamMessage {
  std::string msg_id;  // Nats-Msg-Id header
  vnn::common::v1::EventEnvelope envelope;
};

// All messages of the stream matching `filter`, oldest first.
std::vector<StreamMessage> read_stream(const platform::events::NatsClient& nats,
                                       const std::string& filter);

// Publishes raw bytes with a Nats-Msg-Id, synchronously; throws on failure.
void publish_raw(const platform::events::NatsClient& nats, const std::string& subject,
                 const std::string& msg_id, const std::string& bytes);

}  // namespace vnn::testing
