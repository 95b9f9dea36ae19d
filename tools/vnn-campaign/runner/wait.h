#pragma once
// Waiting for one service to learn from another's events: poll, with a timeout.

#include <grpcpp/grpcpp.h>

#include <functional>
#include <string_view>

#include "runner/play.h"

namespace vnn::campaign {

// Calls `ready` every 200 ms until it returns true; throws std::runtime_error naming `what`
// when play.options.propagation_timeout passes first.
void wait_until(Play& play, std::string_view what, const std::function<bool()>& ready);

// One attempt of a read that fails while the service has not learned yet (NOT_FOUND,
// FAILED_PRECONDITION) or is restarting (transient codes): false then. Other errors throw
// CallError.
bool answered(std::string_view method, const grpc::ClientContext& context,
              const grpc::Status& status);

template <class Stub, class Request, class Response>
bool try_call(Play& play, const std::string& bearer, Stub& stub,
              grpc::Status (Stub::*fn)(grpc::ClientContext*, const Request&, Response*),
              const Request& request, Response* out = nullptr) {
  grpc::ClientContext context;
  context.AddMetadata("authorization", bearer);
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  Response response;
  grpc::Status status = (stub.*fn)(&context, request, &response);
  play.stats.count_call();
  if (!answered("poll", context, status)) return false;
  if (out) *out = std::move(response);
  return true;
}

}  // namespace vnn::campaign
