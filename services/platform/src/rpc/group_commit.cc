#include "vnn/platform/rpc/group_commit.h"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <set>
#include <unordered_map>

#include "pipeline.h"
#include "vnn/platform/db/arrays.h"
#include "vnn/platform/db/transaction.h"
#include "vnn/platform/log.h"

namespace vnn::platform::rpc {

// A call from its admission until its batch finishes it. Owned by its lane's queue, then by
// the batch that takes it.
struct GroupCommit::Waiter {
  Waiter(const ServiceContext& service, const std::string& method,
         grpc::CallbackServerContext* call_context, grpc::ServerUnaryReactor* call_reactor,
         detail::CallMetrics call_metrics, auth::Principal who, detail::AuditEntry entry,
         std::string id, const google::protobuf::Message& request,
         google::protobuf::Message* response)
      : context(call_context),
        reactor(call_reactor),
        metrics(call_metrics),
        audit(std::move(entry)),
        call(service, std::move(who), method, audit.correlation_id, detail::deadline_of(context)),
        item(call, request, response),
        request_id(std::move(id)),
        hash(detail::request_hash(request)) {
    audit.principal = &call.principal();
  }

  const auth::Principal& principal() const { return call.principal(); }

  grpc::CallbackServerContext* context;
  // The context's default reactor: DefaultReactor() makes a new one at each call, so it is
  // asked for once.
  grpc::ServerUnaryReactor* reactor;
  detail::CallMetrics metrics;
  detail::AuditEntry audit;
  CallContext call;
  BatchedCall item;
  std::string request_id;
  std::string hash;
  bool replayed = false;
};

// The calls of one batch key, queued in arrival order.
struct GroupCommit::Lane {
  std::string key;
  std::deque<Waiter*> queue;
  int writing = 0;        // batches taken and not yet done writing
  int active = 0;         // batches taken and not yet finished
  bool in_ready = false;  // on ready_, waiting for a batch thread
};

namespace {

// A batch that claimed its keys last found one taken: it runs again, claiming first.
struct KeyTaken {};

// The audit entries of a batch's calls that succeeded, as the tail of a finish statement.
constexpr const char* kAuditInsert =
    "INSERT INTO audit_log (subject, role, unit_codes, method, request_id, correlation_id, "
    "outcome, status_code, detail, changes) "
    "SELECT a.subject, a.role, a.unit_codes::text[], $1, a.request_id, a.correlation_id, "
    "'ok', 'OK', a.detail, a.changes::jsonb FROM unnest($6::text[], $7::text[], $8::text[], "
    "$9::text[], $10::text[], $11::text[], $12::text[]) WITH ORDINALITY AS a(subject, role, "
    "unit_codes, request_id, correlation_id, detail, changes, n) ORDER BY a.n";

bool fails_every_call(const Error& e) {
  // The database is gone or the time is up: running the calls one by one would fail them too.
  return e.code() == ErrorCode::kUnavailable || e.code() == ErrorCode::kDeadlineExceeded;
}

}  // namespace

GroupCommit::GroupCommit(const ServiceContext& service, MethodPolicy policy, BatchBody body,
                         GroupCommitOptions options)
    : service_(service), policy_(std::move(policy)), body_(std::move(body)), options_(options) {
  if (options_.max_batch == 0) options_.max_batch = 1;
  if (options_.max_batches_writing < 1) options_.max_batches_writing = 1;
  if (options_.threads < 1) options_.threads = 1;
  for (int i = 0; i < options_.threads; ++i) threads_.emplace_back([this] { work(); });
}

GroupCommit::~GroupCommit() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  work_ready_.notify_all();
  for (auto& thread : threads_) thread.join();
}

void GroupCommit::prepare(pqxx::connection& connection) {
  // The first attempt of a batch claims its keys at the end, with their responses: one row
  // written per call, where a claim first and its response later wrote two. In request-id
  // order, so that two batches claiming the same ids take their locks in one order; a key held
  // by another open transaction waits for it. Fewer rows stored than calls means a key was
  // taken (a retry): the batch then runs again, claiming first.
  connection.prepare(
      "vnn_batch_finish_claiming",
      std::string(
          "WITH stored AS (INSERT INTO idempotency_key (method, request_id, subject, "
          "request_hash, response) SELECT $1, s.request_id, s.subject, "
          "decode(s.request_hash, 'hex'), decode(s.response, 'hex') FROM unnest($2::text[], "
          "$3::text[], $4::text[], $5::text[]) AS s(request_id, subject, request_hash, "
          "response) ORDER BY s.request_id ON CONFLICT DO NOTHING RETURNING 1), "
          "audited AS (") +
          kAuditInsert + ") SELECT count(*) FROM stored");
  // A batch running again after a key was taken claims first, as rpc::mutation does, so that
  // it knows its replays before its body runs.
  connection.prepare("vnn_batch_claim",
                     "INSERT INTO idempotency_key (method, request_id, subject, request_hash) "
                     "SELECT $1, c.request_id, c.subject, decode(c.request_hash, 'hex') "
                     "FROM unnest($2::text[], $3::text[], $4::text[]) AS c(request_id, subject, "
                     "request_hash) ORDER BY c.request_id "
                     "ON CONFLICT DO NOTHING RETURNING request_id");
  // The end of a batch in one round trip: the responses of the calls that succeeded and the
  // audit entries. The responses are written as an upsert on keys this transaction has just
  // claimed, so that no plan reads idempotency_key by a join: a prepared UPDATE ... FROM
  // unnest(...) planned on a young table joined by `method` alone and read every key of the
  // method at each batch, while the upsert only ever probes the key's own index entry.
  connection.prepare(
      "vnn_batch_finish",
      "WITH stored AS (INSERT INTO idempotency_key (method, request_id, subject, request_hash, "
      "response) SELECT $1, s.request_id, s.subject, decode(s.request_hash, 'hex'), "
      "decode(s.response, 'hex') FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) AS "
      "s(request_id, subject, request_hash, response) ON CONFLICT (method, request_id) DO UPDATE "
      "SET response = EXCLUDED.response) " +
          std::string(kAuditInsert));
}

namespace {

// Statements that look up growing tables by an array of keys run unprepared, planned for the
// table as it is at each batch. Prepared, their generic plan was made once while the tables were
// young and kept until autovacuum first analysed them: an index scan on `method` alone, the keys
// a filter, reading the whole table at every batch (from 3,263 to 835 calls/s within 40 s of
// a fresh start). The batch's other statements read no table by an array and stay prepared; a
// session-wide force_custom_plan, as before, also planned every foreign-key check afresh.
constexpr const char* kLookupStored =
    "SELECT request_id, subject, encode(request_hash, 'hex'), response "
    "FROM idempotency_key WHERE method = $1 AND request_id = ANY($2::text[])";
// The claims of refused calls given back, so that a retry may succeed. Rare, and unprepared for
// the reason above. (Only a batch that claimed first has claims to give back.)
constexpr const char* kReleaseClaims =
    "DELETE FROM idempotency_key WHERE method = $1 AND request_id = ANY($2::text[])";
// Whether any of these request ids is stored: a call refused by a batch that had not claimed
// first may be a retry, refused because its original's effect is there (a bank reference
// used, say). Rare, and unprepared for the reason above.
constexpr const char* kAnyStored =
    "SELECT EXISTS (SELECT 1 FROM idempotency_key WHERE method = $1 AND "
    "request_id = ANY($2::text[]))";

}  // namespace

grpc::ServerUnaryReactor* GroupCommit::start(grpc::CallbackServerContext* context,
                                             const std::string& request_id,
                                             const google::protobuf::Message& request,
                                             google::protobuf::Message* response,
                                             const std::string& batch_key) {
  detail::CallMetrics metrics(service_, policy_.name);
  log::CorrelationScope correlation(detail::correlation_of(context));
  detail::AuditEntry audit{.method = policy_.name,
                           .request_id = request_id.substr(0, detail::kMaxRequestIdLength),
                           .correlation_id = log::correlation_id()};
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  std::optional<auth::Principal> principal;
  std::optional<grpc::Status> refused =
      detail::check_caller(service_, context, policy_, principal, audit);
  if (!refused) {
    try {
      detail::check_request_id(request_id);
    } catch (const Error& e) {
      refused = detail::failed(audit, e, context);
    }
  }
  if (refused) {
    // Refused before it was queued: its audit entry is a write, so not on the gRPC thread.
    audit.principal = nullptr;
    submit(
        [this, reactor, metrics, status = *refused, audit, who = std::move(principal)]() mutable {
          audit.principal = who ? &*who : nullptr;
          detail::audit_separately(service_, audit);
          reactor->Finish(metrics.done(status));
        });
    return reactor;
  }
  auto* waiter = new Waiter(service_, policy_.name, context, reactor, metrics,
                            std::move(*principal), std::move(audit), request_id, request, response);
  {
    std::lock_guard lock(mutex_);
    auto& slot = lanes_[batch_key];
    if (slot == nullptr) slot = new Lane{.key = batch_key};
    slot->queue.push_back(waiter);
    schedule(*slot);
  }
  return reactor;
}

grpc::ServerUnaryReactor* GroupCommit::offload(grpc::CallbackServerContext* context,
                                               std::function<grpc::Status()> work) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  submit([reactor, work = std::move(work)] { reactor->Finish(work()); });
  return reactor;
}

void GroupCommit::submit(std::function<void()> job) {
  {
    std::lock_guard lock(mutex_);
    jobs_.push_back(std::move(job));
  }
  work_ready_.notify_one();
}

// Under mutex_: a lane with calls queued and room for another batch waits for a batch thread.
void GroupCommit::schedule(Lane& lane) {
  if (lane.in_ready || lane.queue.empty() || lane.writing >= options_.max_batches_writing) {
    return;
  }
  lane.in_ready = true;
  ready_.push_back(&lane);
  work_ready_.notify_one();
}

void GroupCommit::work() {
  std::unique_lock lock(mutex_);
  for (;;) {
    work_ready_.wait(lock, [&] { return stopping_ || !ready_.empty() || !jobs_.empty(); });
    if (!jobs_.empty()) {
      auto job = std::move(jobs_.front());
      jobs_.pop_front();
      lock.unlock();
      job();
      lock.lock();
      continue;
    }
    if (ready_.empty()) {
      if (stopping_) return;  // nothing queued, nothing ready: done
      continue;
    }
    Lane& lane = *ready_.front();
    ready_.pop_front();
    lane.in_ready = false;
    std::vector<Waiter*> expired;
    std::vector<Waiter*> batch = take_batch(lane, expired);
    ++lane.writing;
    ++lane.active;
    lock.unlock();
    // Once this batch has written everything and only its last statement and COMMIT remain,
    // the next batch may start writing: it gets as far as the batch key's lock (the receipt
    // counter, say) while this one commits, and has gathered the calls of a whole writing phase.
    bool released = false;
    auto written = [&] {
      std::lock_guard released_lock(mutex_);
      if (released) return;
      released = true;
      --lane.writing;
      schedule(lane);
    };
    for (Waiter* waiter : expired) finish(waiter);
    if (!batch.empty()) {
      log::CorrelationScope correlation(batch.front()->call.correlation_id());
      run_batch(batch, written);
    }
    written();
    for (Waiter* waiter : batch) finish(waiter);
    lock.lock();
    --lane.active;
    if (lane.queue.empty() && lane.active == 0 && !lane.in_ready) {
      // Whoever queues later makes the lane again.
      lanes_.erase(lane.key);
      delete &lane;
    }
  }
}

void GroupCommit::finish(Waiter* waiter) {
  grpc::Status status = grpc::Status::OK;
  if (waiter->item.error_) {
    status = detail::failed(waiter->audit, *waiter->item.error_, waiter->context);
    detail::audit_separately(service_, waiter->audit);
  } else if (waiter->replayed) {
    log::debug("request replayed",
               {{"method", policy_.name}, {"correlation_id", waiter->call.correlation_id()}});
  }
  waiter->reactor->Finish(waiter->metrics.done(status));
  delete waiter;
}

// Under mutex_. A second call with a request id already in the batch stays queued: in the next
// batch it finds the first's stored response and replays it. A call whose caller has given up
// is not carried: it goes to `expired`, refused.
std::vector<GroupCommit::Waiter*> GroupCommit::take_batch(Lane& lane,
                                                          std::vector<Waiter*>& expired) {
  std::vector<Waiter*> batch;
  std::set<std::string> ids;
  const auto now = std::chrono::system_clock::now();
  for (auto it = lane.queue.begin(); it != lane.queue.end() && batch.size() < options_.max_batch;) {
    Waiter* waiter = *it;
    const auto deadline = waiter->item.call().deadline();
    if (deadline && *deadline <= now) {
      waiter->item.refuse(Error(ErrorCode::kDeadlineExceeded, "deadline exceeded"));
      expired.push_back(waiter);
      it = lane.queue.erase(it);
      continue;
    }
    if (!ids.insert(waiter->request_id).second) {
      ++it;
      continue;
    }
    batch.push_back(waiter);
    it = lane.queue.erase(it);
  }
  return batch;
}

void GroupCommit::run_batch(const std::vector<Waiter*>& batch,
                            const std::function<void()>& written) {
  try {
    run_whole(batch, written);
    return;
  } catch (const Error& e) {
    if (batch.size() == 1 || fails_every_call(e)) {
      for (Waiter* waiter : batch) waiter->item.refuse(e);
      return;
    }
    log::debug("batch failed, running its calls one by one",
               {{"method", policy_.name}, {"calls", batch.size()}, {"error", e.what()}});
  } catch (const std::exception& e) {
    if (batch.size() == 1) {
      // Unexpected: failed() logs it and tells the caller only "internal error".
      batch.front()->item.refuse(Error(ErrorCode::kInternal, e.what()));
      return;
    }
    log::debug("batch failed, running its calls one by one",
               {{"method", policy_.name}, {"calls", batch.size()}, {"error", e.what()}});
  }
  // Nothing of the batch was kept; each call now commits or fails on its own.
  for (Waiter* waiter : batch) run_batch({waiter}, written);
}

// The batch in one transaction, again whole while its body asks for that.
void GroupCommit::run_whole(const std::vector<Waiter*>& batch,
                            const std::function<void()>& written) {
  // Most batches hold no retry, so the first attempt claims its keys at the end, together with
  // their responses. One that finds a key taken runs again claiming first: it then knows its
  // replays before the body runs, and so does every later attempt.
  bool claim_first = false;
  for (int rerun = 0;; ++rerun) {
    try {
      run_in_transaction(batch, written, claim_first);
      return;
    } catch (const KeyTaken&) {
      claim_first = true;
      log::debug("batch runs again", {{"method", policy_.name}, {"reason", "a request id taken"}});
    } catch (const RetryBatch& e) {
      if (rerun >= kMaxBatchReruns) throw Error(ErrorCode::kAborted, e.what());
      log::debug("batch runs again", {{"method", policy_.name}, {"reason", e.what()}});
    } catch (const Error& e) {
      // A failure before the keys were claimed may be a retry's: its original's effect (a
      // unique bank reference, say) made it fail. Claiming first, the retry replays instead.
      if (claim_first || fails_every_call(e)) throw;
      claim_first = true;
    } catch (const std::exception&) {
      if (claim_first) throw;
      claim_first = true;
    }
  }
}

void GroupCommit::run_in_transaction(const std::vector<Waiter*>& batch,
                                     const std::function<void()>& written, bool claim_first) {
  // The batch ends where its most impatient caller's deadline does.
  db::TxOptions options = batch.front()->item.call().tx_options();
  for (Waiter* waiter : batch) {
    const auto deadline = waiter->item.call().deadline();
    if (deadline && (!options.deadline || *deadline < *options.deadline)) {
      options.deadline = deadline;
    }
  }
  std::vector<std::string> ids, subjects, hashes;
  for (Waiter* waiter : batch) {
    ids.push_back(waiter->request_id);
    subjects.push_back(waiter->principal().subject);
    hashes.push_back(db::to_hex(waiter->hash));
  }
  // The body's end of the current attempt; told its outcome once (with_transaction may roll an
  // attempt back and run the whole lambda again).
  BatchEnd end;
  auto attempt_ended = [&end](bool committed) {
    auto ended = std::move(end.ended);
    end = {};
    if (ended) ended(committed);
  };
  try {
    db::with_transaction(service_.pool(), options, [&](pqxx::transaction_base& tx) {
      attempt_ended(false);  // a previous attempt, if any, was rolled back
      for (Waiter* waiter : batch) {
        waiter->item.error_.reset();
        waiter->item.response_->Clear();
        waiter->item.call().clear_audit();
        waiter->replayed = false;
      }
      std::set<std::string> claimed;
      if (claim_first) {
        for (const auto& row :
             tx.exec_prepared("vnn_batch_claim", policy_.name, db::text_array(ids),
                              db::text_array(subjects), db::text_array(hashes))) {
          claimed.insert(row[0].c_str());
        }
      } else {
        claimed.insert(ids.begin(), ids.end());  // claimed at the end, or the batch runs again
      }
      std::vector<BatchedCall*> fresh;
      std::vector<std::string> stored_elsewhere;
      for (Waiter* waiter : batch) {
        if (claimed.count(waiter->request_id)) {
          fresh.push_back(&waiter->item);
        } else {
          stored_elsewhere.push_back(waiter->request_id);
        }
      }
      if (!stored_elsewhere.empty()) {
        std::unordered_map<std::string, pqxx::row> stored;
        auto rows = tx.exec_params(kLookupStored, policy_.name, db::text_array(stored_elsewhere));
        for (const auto& row : rows) stored.emplace(row[0].c_str(), row);
        for (Waiter* waiter : batch) {
          if (claimed.count(waiter->request_id)) continue;
          auto found = stored.find(waiter->request_id);
          if (found == stored.end()) {
            // Claimed by a transaction that has since given it back: try again from the claim.
            throw Error(ErrorCode::kAborted, "idempotency record changed; retry");
          }
          const pqxx::row& row = found->second;
          if (row[1].as<std::string>() != waiter->principal().subject ||
              row[2].as<std::string>() != db::to_hex(waiter->hash)) {
            waiter->item.refuse(
                invalid_argument("request_id", "was already used for a different request")
                    .with_reason(reason::kRequestIdReused));
            continue;
          }
          pqxx::binarystring response(row[3]);
          if (!waiter->item.response_->ParseFromArray(response.data(),
                                                      static_cast<int>(response.size()))) {
            waiter->item.refuse(Error(ErrorCode::kInternal, "stored response unreadable"));
            continue;
          }
          waiter->replayed = true;
        }
      }
      if (!fresh.empty()) end = body_(tx, fresh);
      if (!claim_first) {
        std::vector<std::string> refused;
        for (Waiter* waiter : batch) {
          if (waiter->item.refused()) refused.push_back(waiter->request_id);
        }
        if (!refused.empty() &&
            tx.exec_params1(kAnyStored, policy_.name, db::text_array(refused))[0].as<bool>()) {
          throw KeyTaken{};
        }
      }

      std::vector<std::string> stored_ids, stored_subjects, stored_hashes, responses, released;
      std::vector<std::string> a_subject, a_role, a_units, a_id, a_correlation, a_detail, a_changes;
      for (std::size_t i = 0; i < batch.size(); ++i) {
        Waiter* waiter = batch[i];
        const bool is_fresh = claimed.count(waiter->request_id) > 0;
        if (waiter->item.refused()) {
          if (is_fresh && claim_first) released.push_back(waiter->request_id);
          continue;
        }
        if (is_fresh) {
          stored_ids.push_back(waiter->request_id);
          stored_subjects.push_back(subjects[i]);  // as claimed
          stored_hashes.push_back(hashes[i]);
          responses.push_back(db::to_hex(waiter->item.response_->SerializeAsString()));
        }
        const auth::Principal& who = waiter->principal();
        a_subject.push_back(who.subject);
        a_role.push_back(std::string(auth::role_name(who.role)));
        a_units.push_back(db::text_array(who.unit_codes));
        a_id.push_back(waiter->request_id);
        a_correlation.push_back(waiter->item.call().correlation_id());
        a_detail.push_back(waiter->replayed ? "replayed" : "");
        a_changes.push_back(waiter->replayed ? "{}" : waiter->item.call().audit_changes().dump());
      }
      if (!released.empty()) {
        tx.exec_params(kReleaseClaims, policy_.name, db::text_array(released));
      }
      const auto stored_count = stored_ids.size();
      auto finished = tx.exec_prepared(
          claim_first ? "vnn_batch_finish" : "vnn_batch_finish_claiming", policy_.name,
          db::text_array(stored_ids), db::text_array(stored_subjects),
          db::text_array(stored_hashes), db::text_array(responses), db::text_array(a_subject),
          db::text_array(a_role), db::text_array(a_units), db::text_array(a_id),
          db::text_array(a_correlation), db::text_array(a_detail), db::text_array(a_changes));
      if (!claim_first && finished[0][0].as<std::size_t>() != stored_count) throw KeyTaken{};
      written();
      if (end.last_statement) end.last_statement(tx);
    });
  } catch (...) {
    attempt_ended(false);
    throw;
  }
  attempt_ended(true);
}

}  // namespace vnn::platform::rpc
