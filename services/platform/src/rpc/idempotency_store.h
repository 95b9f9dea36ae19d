#pragma once
// The idempotency record (AIP-155) and the audit log of mutating calls: their statements and the
// C++ that runs them, shared by rpc::mutation (one call per transaction) and rpc::GroupCommit
// (a batch of calls per transaction). Everything here runs inside the caller's transaction.

#include <google/protobuf/message.h>

#include <cstddef>
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "vnn/platform/auth/principal.h"

namespace vnn::platform::rpc::detail {

struct AuditEntry {
  const auth::Principal* principal = nullptr;
  std::string method;
  std::string request_id;
  std::string correlation_id;
  std::string outcome;
  std::string status;
  std::string detail;
  nlohmann::json changes = nlohmann::json::object();
};

// What idempotency_key holds for a request id; `request_hash` and `response` are raw bytes.
struct StoredRequest {
  std::string subject;
  std::string request_hash;
  std::string response;
};

// The statements of the single-call path and of the audit log; prepared on every connection.
void prepare_idempotency_statements(pqxx::connection& connection);
// The batch path's own statements; prepared only where a service runs a GroupCommit.
void prepare_batch_statements(pqxx::connection& connection);

void write_audit(pqxx::transaction_base& tx, const AuditEntry& entry);

// Restores `response` from `stored`. Throws INVALID_ARGUMENT (reason REQUEST_ID_REUSED) when the
// caller used the id for another request, INTERNAL when the bytes do not parse.
void replay(const StoredRequest& stored, const std::string& subject,
            const std::string& request_hash, google::protobuf::Message* response);

// --- One call (rpc::mutation) ---

// Claims the request id; false when it is claimed already. Concurrent retries of one id wait
// here for the first to commit or roll back.
bool claim(pqxx::transaction_base& tx, const std::string& method, const std::string& request_id,
           const std::string& subject, const std::string& request_hash);
StoredRequest stored_request(pqxx::transaction_base& tx, const std::string& method,
                             const std::string& request_id, const std::string& subject);
// The response of a claimed id and the call's audit entry (outcome ok), in one round trip.
void store_response_and_audit(pqxx::transaction_base& tx, const AuditEntry& entry,
                              const std::string& request_id,
                              const google::protobuf::Message& response);

// --- Batches (rpc::GroupCommit) ---

// Parallel columns, one row per call; `request_hashes` hex.
struct BatchClaims {
  std::vector<std::string> request_ids;
  std::vector<std::string> subjects;
  std::vector<std::string> request_hashes;
};

// The end of a batch: responses (hex) of its fresh calls that succeeded, and the audit entries
// of all its calls that succeeded, replays included. Parallel columns.
struct BatchFinish {
  BatchClaims stored;
  std::vector<std::string> responses;
  std::vector<std::string> audit_subjects, audit_roles, audit_units, audit_request_ids,
      audit_correlation_ids, audit_details, audit_changes;
};

// Claims the ids, in request-id order so that two batches take their locks in one order; the
// ids this transaction claimed.
std::set<std::string> claim_batch(pqxx::transaction_base& tx, const std::string& method,
                                  const BatchClaims& claims);
// Keys are (method, subject, request_id): a request id is its caller's own, so two callers
// with one id neither collide nor see each other's answers. `request_ids` and `subjects` are
// parallel (one pair per call; a batch never holds one request id twice).
// The stored records of these keys by request id; a key claimed by no one is absent.
std::unordered_map<std::string, StoredRequest> stored_requests(
    pqxx::transaction_base& tx, const std::string& method,
    const std::vector<std::string>& request_ids, const std::vector<std::string>& subjects);
bool any_stored(pqxx::transaction_base& tx, const std::string& method,
                const std::vector<std::string>& request_ids,
                const std::vector<std::string>& subjects);
// Gives back claims of refused calls, so that a retry may succeed.
void release_claims(pqxx::transaction_base& tx, const std::string& method,
                    const std::vector<std::string>& request_ids,
                    const std::vector<std::string>& subjects);
// Writes the batch's end in one round trip. `claiming`: the ids were not claimed before, and are
// claimed here with their responses; returns how many were stored, fewer than asked when one was
// taken. Otherwise the ids were claimed by claim_batch and the count is not meaningful.
std::size_t finish_batch(pqxx::transaction_base& tx, const std::string& method,
                         const BatchFinish& finish, bool claiming);

}  // namespace vnn::platform::rpc::detail
