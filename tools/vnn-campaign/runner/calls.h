#pragma once
// Calling the services while they may be restarting: every call carries its request id, so a
// call that failed in transit (UNAVAILABLE, DEADLINE_EXCEEDED, ABORTED) is sent again, the same,
// until it answers or the retry budget runs out; the service either does it once or replays
// what it answered the first time. RESOURCE_EXHAUSTED (an admission limit) is retried too. Other
// errors are the campaign's own mistakes: they stop the run with the service's message and field.

#include <grpcpp/grpcpp.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace vnn::campaign {

class CallError : public std::runtime_error {
 public:
  CallError(std::string method, const grpc::Status& status, std::string field);
  grpc::StatusCode code() const { return code_; }
  const std::string& field() const { return field_; }

 private:
  grpc::StatusCode code_;
  std::string field_;
};

// What the retries cost: printed at the end of a run, asserted by the fault-injection test.
class CallStats {
 public:
  void count_call() { calls_.fetch_add(1, std::memory_order_relaxed); }
  // A call that needed `attempts` > 1 and took `waited` from its first failure to its answer.
  void count_recovery(int attempts, std::chrono::milliseconds waited);
  long calls() const { return calls_.load(); }
  long retried_calls() const { return retried_calls_.load(); }
  long retries() const { return retries_.load(); }
  // The longest time a call waited for a service to come back, in ms.
  long longest_wait_ms() const { return longest_wait_ms_.load(); }

 private:
  std::atomic<long> calls_{0}, retried_calls_{0}, retries_{0}, longest_wait_ms_{0};
};

struct RetryPolicy {
  std::chrono::milliseconds per_attempt{30'000};
  std::chrono::milliseconds budget{180'000};  // from the first failure
};

bool is_transient(grpc::StatusCode code);

// Runs `attempt` (one call on a fresh context carrying `bearer`) until it succeeds or fails for
// good. Throws CallError.
void call_with_retry(CallStats& stats, std::string_view method, const std::string& bearer,
                     const std::function<grpc::Status(grpc::ClientContext&)>& attempt,
                     const RetryPolicy& policy = {});

// The unary form: `call(stats, "RecordDonation", bearer, stub, &Stub::RecordDonation, request)`.
template <class Stub, class Request, class Response>
Response call(CallStats& stats, std::string_view method, const std::string& bearer, Stub& stub,
              grpc::Status (Stub::*fn)(grpc::ClientContext*, const Request&, Response*),
              const Request& request, const RetryPolicy& policy = {}) {
  Response response;
  call_with_retry(
      stats, method, bearer,
      [&](grpc::ClientContext& context) {
        response.Clear();
        return (stub.*fn)(&context, request, &response);
      },
      policy);
  return response;
}

// A client stream of `header` then `data` cut into pieces (imports), sent again whole on a
// transient failure. `Chunk` has mutable_header() and a bytes field set by `set_data`.
template <class Stub, class Chunk, class Response, class Header, class SetData>
Response import_stream(
    CallStats& stats, std::string_view method, const std::string& bearer, Stub& stub,
    std::unique_ptr<grpc::ClientWriter<Chunk>> (Stub::*open)(grpc::ClientContext*, Response*),
    const Header& header, Header* (Chunk::*mutable_header)(), const std::string& data,
    SetData set_data) {
  constexpr std::size_t kPiece = 64 * 1024;
  Response response;
  call_with_retry(stats, method, bearer, [&](grpc::ClientContext& context) {
    response.Clear();
    auto writer = (stub.*open)(&context, &response);
    Chunk first;
    *(first.*mutable_header)() = header;
    bool open_stream = writer->Write(first);
    for (std::size_t at = 0; open_stream && at < data.size(); at += kPiece) {
      Chunk piece;
      set_data(piece, data.substr(at, kPiece));
      open_stream = writer->Write(piece);
    }
    writer->WritesDone();
    return writer->Finish();
  });
  return response;
}

}  // namespace vnn::campaign
