#include "runner/calls.h"

#include <algorithm>
#include <thread>

namespace vnn::campaign {

namespace {

std::string field_of(const grpc::ClientContext& context) {
  const auto& trailers = context.GetServerTrailingMetadata();
  auto found = trailers.find("vnn-error-field");
  if (found == trailers.end()) return {};
  return std::string(found->second.data(), found->second.size());
}

std::string describe(const std::string& method, const grpc::Status& status,
                     const std::string& field) {
  std::string text =
      method + ": " + std::to_string(status.error_code()) + " " + status.error_message();
  if (!field.empty()) text += " (field " + field + ")";
  return text;
}

}  // namespace

CallError::CallError(std::string method, const grpc::Status& status, std::string field)
    : std::runtime_error(describe(method, status, field)),
      code_(status.error_code()),
      field_(std::move(field)) {}

void CallStats::count_recovery(int attempts, std::chrono::milliseconds waited) {
  retried_calls_.fetch_add(1, std::memory_order_relaxed);
  retries_.fetch_add(attempts - 1, std::memory_order_relaxed);
  long ms = waited.count();
  long seen = longest_wait_ms_.load();
  while (ms > seen && !longest_wait_ms_.compare_exchange_weak(seen, ms)) {
  }
}

bool is_transient(grpc::StatusCode code) {
  // RESOURCE_EXHAUSTED: a service's admission limit (e.g. imports at once) says "retry shortly".
  return code == grpc::StatusCode::UNAVAILABLE || code == grpc::StatusCode::DEADLINE_EXCEEDED ||
         code == grpc::StatusCode::ABORTED || code == grpc::StatusCode::RESOURCE_EXHAUSTED;
}

void call_with_retry(CallStats& stats, std::string_view method, const std::string& bearer,
                     const std::function<grpc::Status(grpc::ClientContext&)>& attempt,
                     const RetryPolicy& policy) {
  using clock = std::chrono::steady_clock;
  stats.count_call();
  std::chrono::milliseconds pause{50};
  clock::time_point first_failure{};
  for (int attempts = 1;; ++attempts) {
    grpc::ClientContext context;
    context.AddMetadata("authorization", bearer);
    context.set_deadline(std::chrono::system_clock::now() + policy.per_attempt);
    // A restarting server refuses connections for a while; wait for it rather than failing
    // the attempt at once.
    context.set_wait_for_ready(true);
    grpc::Status status = attempt(context);
    if (status.ok()) {
      if (attempts > 1) {
        stats.count_recovery(attempts, std::chrono::duration_cast<std::chrono::milliseconds>(
                                           clock::now() - first_failure));
      }
      return;
    }
    if (!is_transient(status.error_code())) {
      throw CallError(std::string(method), status, field_of(context));
    }
    if (attempts == 1) first_failure = clock::now();
    if (clock::now() - first_failure > policy.budget) {
      throw CallError(std::string(method) + " (gave up retrying)", status, field_of(context));
    }
    std::this_thread::sleep_for(pause);
    pause = std::min<std::chrono::milliseconds>(pause * 2, std::chrono::seconds(1));
  }
}

}  // namespace vnn::campaign
