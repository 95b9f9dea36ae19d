#include "vnn/platform/rpc/group_commit.h"

#include <set>

#include "batch_retry.h"
#include "batch_scheduler.h"
#include "idempotency_store.h"
#include "pipeline.h"
#include "vnn/platform/db/arrays.h"
#include "vnn/platform/db/transaction.h"
#include "vnn/platform/log.h"

namespace vnn::platform::rpc {

// A call from its admission until its batch finishes it; owned by the scheduler meanwhile.
struct GroupCommit::Waiter final : detail::QueuedCall {
  Waiter(const ServiceContext& service, const std::string& method,
         grpc::CallbackServerContext* call_context, grpc::ServerUnaryReactor* call_reactor,
         detail::CallMetrics call_metrics, auth::Principal who, detail::AuditEntry entry,
         std::string call_request_id, const google::protobuf::Message& request,
         google::protobuf::Message* response)
      : context(call_context),
        reactor(call_reactor),
        metrics(call_metrics),
        audit(std::move(entry)),
        call(service, std::move(who), method, audit.correlation_id, detail::deadline_of(context)),
        item(call, request, response),
        id(std::move(call_request_id)),
        hash(detail::request_hash(request)) {
    audit.principal = &call.principal();
  }

  const std::string& request_id() const override { return id; }
  std::optional<std::chrono::system_clock::time_point> deadline() const override {
    return call.deadline();
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
  std::string id;
  std::string hash;
  bool replayed = false;
  bool claimed = false;  // by this attempt's transaction
};

GroupCommit::GroupCommit(const ServiceContext& service, MethodPolicy policy, BatchBody body,
                         GroupCommitOptions options)
    : service_(service), policy_(std::move(policy)), body_(std::move(body)) {
  service_.pool().add_on_connect(&GroupCommit::prepare);
  scheduler_ = std::make_unique<detail::BatchScheduler>(
      detail::SchedulerOptions{.max_batch = options.max_batch,
                               .max_batches_writing = options.max_batches_writing,
                               .threads = options.threads,
                               .max_queued = options.max_queued != 0
                                                 ? options.max_queued
                                                 : service.admission().group_commit_max_queued},
      [this](const detail::CallBatch& calls, const std::function<void()>& written) {
        std::vector<Waiter*> batch;
        for (const auto& call : calls) batch.push_back(static_cast<Waiter*>(call.get()));
        log::CorrelationScope correlation(batch.front()->call.correlation_id());
        run_batch(batch, written);
      },
      [this](std::unique_ptr<detail::QueuedCall> call, bool expired) {
        auto& waiter = static_cast<Waiter&>(*call);
        if (expired) waiter.item.refuse(Error(ErrorCode::kDeadlineExceeded, "deadline exceeded"));
        finish(waiter);
      });
}

GroupCommit::~GroupCommit() { scheduler_.reset(); }

void GroupCommit::prepare(pqxx::connection& connection) {
  detail::prepare_batch_statements(connection);
}

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
    // Refused before it was queued: answered at once; its audit entry (none for a call without
    // a valid token) goes to the background writer, never ahead of the batches.
    detail::record_refusal(service_, principal, audit);
    reactor->Finish(metrics.done(*refused));
    return reactor;
  }
  auto waiter = std::make_unique<Waiter>(service_, policy_.name, context, reactor, metrics,
                                         std::move(*principal), std::move(audit), request_id,
                                         request, response);
  Waiter* queued = waiter.get();
  if (auto full = scheduler_->enqueue(batch_key, std::move(waiter))) {
    // Too many calls wait already: refuse this one now rather than let the queue (and the
    // memory it holds) grow without end.
    const Error busy =
        resource_exhausted("too many calls waiting; retry later").with_reason(reason::kServerBusy);
    const grpc::Status status = detail::failed(queued->audit, busy, context);
    detail::audit_in_background(service_, queued->audit);
    reactor->Finish(queued->metrics.done(status));
  }
  return reactor;
}

grpc::ServerUnaryReactor* GroupCommit::offload(grpc::CallbackServerContext* context,
                                               std::function<grpc::Status()> work) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  if (!scheduler_->submit([reactor, work = std::move(work)] { reactor->Finish(work()); })) {
    detail::CallMetrics metrics(service_, policy_.name);
    reactor->Finish(metrics.done(to_status(
        resource_exhausted("too many calls waiting; retry later").with_reason(reason::kServerBusy),
        context)));
  }
  return reactor;
}

void GroupCommit::finish(Waiter& waiter) {
  grpc::Status status = grpc::Status::OK;
  if (waiter.item.error_) {
    status = detail::failed(waiter.audit, *waiter.item.error_, waiter.context);
    detail::audit_in_background(service_, waiter.audit);
  } else if (waiter.replayed) {
    log::debug("request replayed",
               {{"method", policy_.name}, {"correlation_id", waiter.call.correlation_id()}});
  }
  waiter.reactor->Finish(waiter.metrics.done(status));
}

void GroupCommit::run_batch(const std::vector<Waiter*>& batch,
                            const std::function<void()>& written) {
  detail::run_or_split(
      policy_.name, batch.size(),
      [&] {
        detail::run_with_reruns(policy_.name, [&](bool claim_first) {
          run_in_transaction(batch, written, claim_first);
        });
      },
      [&](const Error& e) {
        for (Waiter* waiter : batch) waiter->item.refuse(e);
      },
      [&](std::size_t position) { run_batch({batch[position]}, written); });
}

void GroupCommit::run_in_transaction(const std::vector<Waiter*>& batch,
                                     const std::function<void()>& written, bool claim_first) {
  // The batch ends where its most impatient caller's deadline does.
  db::TxOptions options = batch.front()->item.call().tx_options();
  for (Waiter* waiter : batch) {
    const auto deadline = waiter->deadline();
    if (deadline && (!options.deadline || *deadline < *options.deadline)) {
      options.deadline = deadline;
    }
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
        waiter->claimed = false;
      }
      std::vector<BatchedCall*> fresh = claim_and_replay(tx, batch, claim_first);
      if (!fresh.empty()) end = body_(tx, fresh);
      record(tx, batch, claim_first);
      written();
      if (end.last_statement) end.last_statement(tx);
    });
  } catch (...) {
    attempt_ended(false);
    throw;
  }
  attempt_ended(true);
}

std::vector<BatchedCall*> GroupCommit::claim_and_replay(pqxx::transaction_base& tx,
                                                        const std::vector<Waiter*>& batch,
                                                        bool claim_first) {
  std::vector<std::string> stored_elsewhere, stored_elsewhere_subjects;
  if (claim_first) {
    detail::BatchClaims claims;
    for (Waiter* waiter : batch) {
      claims.request_ids.push_back(waiter->id);
      claims.subjects.push_back(waiter->principal().subject);
      claims.request_hashes.push_back(db::to_hex(waiter->hash));
    }
    const std::set<std::string> claimed = detail::claim_batch(tx, policy_.name, claims);
    for (Waiter* waiter : batch) {
      waiter->claimed = claimed.count(waiter->id) > 0;
      if (!waiter->claimed) {
        stored_elsewhere.push_back(waiter->id);
        stored_elsewhere_subjects.push_back(waiter->principal().subject);
      }
    }
  } else {
    // Claimed at the end, with the responses, or the batch runs again.
    for (Waiter* waiter : batch) waiter->claimed = true;
  }
  if (!stored_elsewhere.empty()) {
    const auto stored =
        detail::stored_requests(tx, policy_.name, stored_elsewhere, stored_elsewhere_subjects);
    for (Waiter* waiter : batch) {
      if (waiter->claimed) continue;
      auto found = stored.find(waiter->id);
      if (found == stored.end()) {
        // Claimed by a transaction that has since given it back: try again from the claim.
        throw Error(ErrorCode::kAborted, "idempotency record changed; retry");
      }
      try {
        detail::replay(found->second, waiter->principal().subject, waiter->hash,
                       waiter->item.response_);
        waiter->replayed = true;
      } catch (const Error& e) {
        waiter->item.refuse(e);
      }
    }
  }
  std::vector<BatchedCall*> fresh;
  for (Waiter* waiter : batch) {
    if (waiter->claimed) fresh.push_back(&waiter->item);
  }
  return fresh;
}

void GroupCommit::record(pqxx::transaction_base& tx, const std::vector<Waiter*>& batch,
                         bool claim_first) {
  if (!claim_first) {
    // A call refused by a batch that had not claimed first may be a retry, refused because its
    // original's effect is there (a bank reference used, say).
    std::vector<std::string> refused, refused_subjects;
    for (Waiter* waiter : batch) {
      if (waiter->item.refused()) {
        refused.push_back(waiter->id);
        refused_subjects.push_back(waiter->principal().subject);
      }
    }
    if (!refused.empty() && detail::any_stored(tx, policy_.name, refused, refused_subjects)) {
      throw detail::KeyTaken{};
    }
  }
  detail::BatchFinish finish;
  std::vector<std::string> released, released_subjects;
  for (Waiter* waiter : batch) {
    if (waiter->item.refused()) {
      if (waiter->claimed && claim_first) {
        released.push_back(waiter->id);
        released_subjects.push_back(waiter->principal().subject);
      }
      continue;
    }
    const auth::Principal& who = waiter->principal();
    if (waiter->claimed) {
      finish.stored.request_ids.push_back(waiter->id);
      finish.stored.subjects.push_back(who.subject);
      finish.stored.request_hashes.push_back(db::to_hex(waiter->hash));
      finish.responses.push_back(db::to_hex(waiter->item.response_->SerializeAsString()));
    }
    finish.audit_subjects.push_back(who.subject);
    finish.audit_roles.push_back(std::string(auth::role_name(who.role)));
    finish.audit_units.push_back(db::text_array(who.unit_codes));
    finish.audit_request_ids.push_back(waiter->id);
    finish.audit_correlation_ids.push_back(waiter->item.call().correlation_id());
    finish.audit_details.push_back(waiter->replayed ? "replayed" : "");
    finish.audit_changes.push_back(waiter->replayed ? "{}"
                                                    : waiter->item.call().audit_changes().dump());
  }
  if (!released.empty()) {
    detail::release_claims(tx, policy_.name, released, released_subjects);
  }
  const std::size_t expected = finish.stored.request_ids.size();
  const std::size_t stored = detail::finish_batch(tx, policy_.name, finish, !claim_first);
  if (!claim_first && stored != expected) throw detail::KeyTaken{};
}

}  // namespace vnn::platform::rpc
