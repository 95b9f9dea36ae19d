#pragma once
// Group commit for one mutating method: concurrent calls that share a batch key (e.g. a fund's
// receipt counter) run in ONE transaction and share one COMMIT, instead of queueing one after
// another on a row lock that each holds through its own round trips and WAL flush.
//
// There is no timer: a call queues on its key and a batch thread takes at once what is queued;
// whoever arrives meanwhile waits, and the next free batch thread takes everything that gathered
// meanwhile (while one batch of a key commits, the next writes: max_batches_writing). So an idle
// service answers a lone call as fast as rpc::mutation does, and a busy one batches more.
//
// The method is a gRPC callback method: start() admits the call on the gRPC thread and returns
// its reactor, and the call is finished by the batch thread that ran its batch. No thread waits
// per call (with the synchronous API each waiting call held a thread, and handing calls between
// those threads cost more CPU than the calls' own work).
//
// Per call the pipeline keeps rpc::mutation's guarantees: authentication, roles, the
// idempotency record (AIP-155: a retry gets the stored response, and two calls with one request
// id never run twice — the second is kept for the next batch, where it replays), the audit entry
// of each call, and a refusal audited on its own. The body sees the batch's fresh calls (not the
// replays) and writes them set-wise: a call it cannot take it refuses with BatchedCall::refuse()
// before writing anything for it, and that call alone fails with that error. If the body throws,
// or the transaction fails, nothing of the batch is kept: a failure that a single call may have
// caused (a constraint, a bug) runs each call again in a batch of its own, so only the guilty
// one fails; an unavailable database or a passed deadline fails them all. Never half a batch.
// A body that bet on something another transaction decides (numbers it expects a counter to
// give, say) throws RetryBatch when it lost: the batch then runs again whole.
//
//   GroupCommit intake(service, kRecordThing, [&](pqxx::transaction_base& tx,
//                                                 const std::vector<BatchedCall*>& calls) {
//     …; return BatchEnd{};
//   });
//   grpc::ServerUnaryReactor* RecordThing(grpc::CallbackServerContext* ctx, const Req* req,
//                                         Resp* resp) override {
//     return intake.start(ctx, req->request_id(), *req, resp, req->counter_id());
//   }

#include <google/protobuf/message.h>
#include <grpcpp/server_context.h>
#include <grpcpp/support/server_callback.h>
#include <grpcpp/support/status.h>

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <pqxx/pqxx>
#include <stdexcept>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "vnn/platform/errors.h"
#include "vnn/platform/rpc/call_context.h"
#include "vnn/platform/rpc/handler.h"
#include "vnn/platform/rpc/service_context.h"

namespace vnn::platform::rpc {
namespace detail {
class BatchScheduler;
}  // namespace detail

// One call of a batch, as the body sees it.
class BatchedCall {
 public:
  BatchedCall(CallContext& call, const google::protobuf::Message& request,
              google::protobuf::Message* response)
      : call_(call), request_(request), response_(response) {}

  CallContext& call() const { return call_; }
  template <typename Request>
  const Request& request() const {
    return static_cast<const Request&>(request_);
  }
  template <typename Response>
  Response* response() const {
    return static_cast<Response*>(response_);
  }
  // This call fails alone with `error`; the body must have written nothing for it.
  void refuse(Error error) { error_ = std::move(error); }
  bool refused() const { return error_.has_value(); }

 private:
  friend class GroupCommit;
  CallContext& call_;
  const google::protobuf::Message& request_;
  google::protobuf::Message* response_;
  std::optional<Error> error_;
};

// What a body leaves for the end of its batch's transaction.
struct BatchEnd {
  // Runs after the batch's responses and audit entries are written, just before COMMIT: the
  // place for a statement taking a lock that the next batch waits for, so it is held as briefly
  // as possible.
  std::function<void(pqxx::transaction_base&)> last_statement;
  // Told once whether the transaction committed (false: rolled back, or its end is unknown).
  std::function<void(bool committed)> ended;
};

using BatchBody =
    std::function<BatchEnd(pqxx::transaction_base&, const std::vector<BatchedCall*>& calls)>;

// Thrown by a body (or its last statement) whose batch must run again whole, e.g. because the
// counter it expected to continue from was moved by another transaction. Nothing of the batch is
// kept; its calls run again together, at most kMaxBatchReruns more times.
class RetryBatch : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};
inline constexpr int kMaxBatchReruns = 3;

struct GroupCommitOptions {
  // The most calls one transaction takes; more wait for the next batch.
  std::size_t max_batch = 64;
  // Batches of one key writing at once. A batch stops counting once it has written everything
  // and only its last statement and COMMIT (the WAL flush) remain, so the next batch writes
  // while it commits. More writing at once makes smaller batches, whose fixed costs (a handful of
  // round trips, the relay's wake-up, the commit) then weigh on every call.
  int max_batches_writing = 2;
  // Threads running batches (of every key) and offloaded calls: a busy key keeps up to four
  // busy (two batches writing, two committing), and offloaded calls wait beside them.
  int threads = 6;
  // Calls (and offloaded calls) waiting, over all keys; a call finding the queue full is
  // answered RESOURCE_EXHAUSTED (SERVER_BUSY) at once. 0: the service's
  // VNN_GROUP_COMMIT_MAX_QUEUED.
  std::size_t max_queued = 0;
};

class GroupCommit {
 public:
  GroupCommit(const ServiceContext& service, MethodPolicy policy, BatchBody body,
              GroupCommitOptions options = {});
  GroupCommit(const GroupCommit&) = delete;
  GroupCommit& operator=(const GroupCommit&) = delete;
  // Finishes what is queued and running, then stops the batch threads.
  ~GroupCommit();

  // Starts one call with the others of `batch_key` and returns its reactor at once; `response`
  // is filled by the body, or restored from storage on a retry, and the call finishes when its
  // batch has committed or failed.
  grpc::ServerUnaryReactor* start(grpc::CallbackServerContext* context,
                                  const std::string& request_id,
                                  const google::protobuf::Message& request,
                                  google::protobuf::Message* response,
                                  const std::string& batch_key);
  // A call of the method that cannot join a batch (it commits on its own, e.g. through
  // rpc::mutation): `work` runs on a batch thread, never on the gRPC thread, and its status
  // finishes the call.
  grpc::ServerUnaryReactor* offload(grpc::CallbackServerContext* context,
                                    std::function<grpc::Status()> work);

  // Statements the batches use. The constructor has the service's pool prepare them on its
  // connections, so only a service that runs a GroupCommit has them.
  static void prepare(pqxx::connection& connection);

 private:
  struct Waiter;
  void run_batch(const std::vector<Waiter*>& batch, const std::function<void()>& written);
  // One transaction of the whole batch. `claim_first`: claim the request ids before the body
  // runs, rather than with the responses at the end (see detail::run_with_reruns).
  void run_in_transaction(const std::vector<Waiter*>& batch, const std::function<void()>& written,
                          bool claim_first);
  // Claims (when `claim_first`) and restores the responses of ids stored before; the calls the
  // body is to run.
  std::vector<BatchedCall*> claim_and_replay(pqxx::transaction_base& tx,
                                             const std::vector<Waiter*>& batch, bool claim_first);
  // Stores the responses and audit entries; throws detail::KeyTaken when claiming found a key
  // taken.
  void record(pqxx::transaction_base& tx, const std::vector<Waiter*>& batch, bool claim_first);
  void finish(Waiter& waiter);

  const ServiceContext& service_;
  MethodPolicy policy_;
  BatchBody body_;
  // Last member: destroyed first, so its threads stop before what they use goes.
  std::unique_ptr<detail::BatchScheduler> scheduler_;
};

}  // namespace vnn::platform::rpc
