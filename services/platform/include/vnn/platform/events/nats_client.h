#pragma once
// A NATS connection with a JetStream context, and the idempotent bootstrap of the stream.
// The connection keeps reconnecting for ever: a service starts, and stays up, while NATS is
// away, and reports NOT_SERVING meanwhile.

#include <nats/nats.h>

#include <memory>
#include <string>

#include "vnn/platform/config.h"

namespace vnn::platform::events {

struct ConnectionLabel;

// How a connection sends what it writes.
enum class NatsWrites {
  // Each request is written to the socket at once. Pull consumers fetch one message at a time
  // (libnats 3.4 bug with larger batches), and this is what makes that fast.
  kAtOnce,
  // Writes gather in the connection's buffer and its flusher thread sends them together. For a
  // publisher sending many messages and then waiting for their acknowledgements (the outbox
  // relay): one socket write per burst instead of one per message, here and in nats-server.
  kBuffered,
};

class NatsClient {
 public:
  // Does not fail when NATS is unreachable at start: the client connects when it can.
  NatsClient(const NatsSettings& settings, const std::string& connection_name,
             NatsWrites writes = NatsWrites::kAtOnce);
  ~NatsClient();
  NatsClient(const NatsClient&) = delete;
  NatsClient& operator=(const NatsClient&) = delete;

  natsConnection* connection() const { return connection_; }
  bool connected() const;
  // A new JetStream context on this connection (each publisher or consumer gets its own,
  // because async-publish callbacks are per context). `ack_handler` may be null.
  jsCtx* new_context(jsPubAckHandler ack_handler = nullptr, void* closure = nullptr) const;

  // Creates the stream or updates it to the configured subjects, storage, duplicate window,
  // max age and replicas. Safe to call from every service at every start.
  void ensure_stream() const;

  const NatsSettings& settings() const { return settings_; }

 private:
  NatsSettings settings_;
  std::unique_ptr<ConnectionLabel> label_;  // outlives the connection its callbacks use
  natsConnection* connection_ = nullptr;
};

// Throws Error(kUnavailable) naming `what` when `status` is not NATS_OK.
void check_nats(natsStatus status, const char* what);

}  // namespace vnn::platform::events
