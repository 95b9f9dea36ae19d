#include "idempotency_store.h"

#include "vnn/platform/db/arrays.h"
#include "vnn/platform/errors.h"

namespace vnn::platform::rpc::detail {
namespace {

// The audit entries of a batch's calls that succeeded, as the tail of a finish statement.
constexpr const char* kBatchAuditInsert =
    "INSERT INTO audit_log (subject, role, unit_codes, method, request_id, correlation_id, "
    "outcome, status_code, detail, changes) "
    "SELECT a.subject, a.role, a.unit_codes::text[], $1, a.request_id, a.correlation_id, "
    "'ok', 'OK', a.detail, a.changes::jsonb FROM unnest($6::text[], $7::text[], $8::text[], "
    "$9::text[], $10::text[], $11::text[], $12::text[]) WITH ORDINALITY AS a(subject, role, "
    "unit_codes, request_id, correlation_id, detail, changes, n) ORDER BY a.n";

// Statements that look up growing tables by an array of keys run unprepared, planned for the
// table as it is at each batch: a generic plan made while the table was young reads all of it
// by `method` until autovacuum analyses it (docs/benchmarks.md, "Group commit").
// Keys are the caller's own: (method, subject, request_id), pairs of parallel arrays.
constexpr const char* kLookupStored =
    "SELECT k.request_id, k.subject, k.request_hash, k.response FROM idempotency_key k "
    "JOIN unnest($2::text[], $3::text[]) AS c(request_id, subject) "
    "ON k.request_id = c.request_id AND k.subject = c.subject WHERE k.method = $1";
// Rare, and unprepared for the reason above. (Only a batch that claimed first has claims to
// give back.)
constexpr const char* kReleaseClaims =
    "DELETE FROM idempotency_key k USING unnest($2::text[], $3::text[]) AS c(request_id, "
    "subject) WHERE k.method = $1 AND k.request_id = c.request_id AND k.subject = c.subject";
// Rare, and unprepared for the reason above.
constexpr const char* kAnyStored =
    "SELECT EXISTS (SELECT 1 FROM idempotency_key k JOIN unnest($2::text[], $3::text[]) AS "
    "c(request_id, subject) ON k.request_id = c.request_id AND k.subject = c.subject "
    "WHERE k.method = $1)";

std::string bytes_of(const pqxx::field& field) {
  if (field.is_null()) return {};
  return pqxx::binarystring(field).str();
}

}  // namespace

void prepare_idempotency_statements(pqxx::connection& connection) {
  connection.prepare("vnn_idempotency_claim",
                     "INSERT INTO idempotency_key (method, request_id, subject, request_hash) "
                     "VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING 1");
  connection.prepare("vnn_idempotency_lookup",
                     "SELECT subject, request_hash, response FROM idempotency_key "
                     "WHERE method = $1 AND subject = $3 AND request_id = $2");
  // Storing the response and auditing the call are one round trip on the hot path.
  connection.prepare("vnn_idempotency_store_and_audit",
                     "WITH stored AS (UPDATE idempotency_key SET response = $11 "
                     "WHERE method = $4 AND subject = $1 AND request_id = $5) "
                     "INSERT INTO audit_log (subject, role, unit_codes, method, request_id, "
                     "correlation_id, outcome, status_code, detail, changes) "
                     "VALUES ($1, $2, $3::text[], $4, $5, $6, $7, $8, $9, $10::jsonb)");
  connection.prepare("vnn_audit_insert",
                     "INSERT INTO audit_log (subject, role, unit_codes, method, request_id, "
                     "correlation_id, outcome, status_code, detail, changes) "
                     "VALUES ($1, $2, $3::text[], $4, $5, $6, $7, $8, $9, $10::jsonb)");
}

void prepare_batch_statements(pqxx::connection& connection) {
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
          kBatchAuditInsert + ") SELECT count(*) FROM stored");
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
      "s(request_id, subject, request_hash, response) ON CONFLICT (method, subject, request_id) "
      "DO UPDATE "
      "SET response = EXCLUDED.response) " +
          std::string(kBatchAuditInsert));
}

void write_audit(pqxx::transaction_base& tx, const AuditEntry& entry) {
  static const auth::Principal kAnonymous{.subject = "anonymous"};
  const auth::Principal& who = entry.principal ? *entry.principal : kAnonymous;
  tx.exec_prepared("vnn_audit_insert", who.subject,
                   entry.principal ? std::string(auth::role_name(who.role)) : std::string("none"),
                   db::text_array(who.unit_codes), entry.method, entry.request_id,
                   entry.correlation_id, entry.outcome, entry.status, entry.detail,
                   entry.changes.dump());
}

void replay(const StoredRequest& stored, const std::string& subject,
            const std::string& request_hash, google::protobuf::Message* response) {
  if (stored.subject != subject || stored.request_hash != request_hash) {
    throw invalid_argument("request_id", "was already used for a different request")
        .with_reason(reason::kRequestIdReused);
  }
  if (!response->ParseFromArray(stored.response.data(), static_cast<int>(stored.response.size()))) {
    throw Error(ErrorCode::kInternal, "stored response unreadable");
  }
}

bool claim(pqxx::transaction_base& tx, const std::string& method, const std::string& request_id,
           const std::string& subject, const std::string& request_hash) {
  return !tx.exec_prepared("vnn_idempotency_claim", method, request_id, subject,
                           pqxx::binarystring(request_hash.data(), request_hash.size()))
              .empty();
}

StoredRequest stored_request(pqxx::transaction_base& tx, const std::string& method,
                             const std::string& request_id, const std::string& subject) {
  auto row = tx.exec_prepared1("vnn_idempotency_lookup", method, request_id, subject);
  return StoredRequest{.subject = row[0].as<std::string>(),
                       .request_hash = bytes_of(row[1]),
                       .response = bytes_of(row[2])};
}

void store_response_and_audit(pqxx::transaction_base& tx, const AuditEntry& entry,
                              const std::string& request_id,
                              const google::protobuf::Message& response) {
  const auth::Principal& who = *entry.principal;
  const std::string bytes = response.SerializeAsString();
  tx.exec_prepared("vnn_idempotency_store_and_audit", who.subject,
                   std::string(auth::role_name(who.role)), db::text_array(who.unit_codes),
                   entry.method, request_id, entry.correlation_id, entry.outcome, entry.status,
                   entry.detail, entry.changes.dump(),
                   pqxx::binarystring(bytes.data(), bytes.size()));
}

std::set<std::string> claim_batch(pqxx::transaction_base& tx, const std::string& method,
                                  const BatchClaims& claims) {
  std::set<std::string> claimed;
  for (const auto& row :
       tx.exec_prepared("vnn_batch_claim", method, db::text_array(claims.request_ids),
                        db::text_array(claims.subjects), db::text_array(claims.request_hashes))) {
    claimed.insert(row[0].c_str());
  }
  return claimed;
}

std::unordered_map<std::string, StoredRequest> stored_requests(
    pqxx::transaction_base& tx, const std::string& method,
    const std::vector<std::string>& request_ids, const std::vector<std::string>& subjects) {
  std::unordered_map<std::string, StoredRequest> stored;
  for (const auto& row : tx.exec_params(kLookupStored, method, db::text_array(request_ids),
                                        db::text_array(subjects))) {
    stored.emplace(row[0].c_str(), StoredRequest{.subject = row[1].as<std::string>(),
                                                 .request_hash = bytes_of(row[2]),
                                                 .response = bytes_of(row[3])});
  }
  return stored;
}

bool any_stored(pqxx::transaction_base& tx, const std::string& method,
                const std::vector<std::string>& request_ids,
                const std::vector<std::string>& subjects) {
  return tx
      .exec_params1(kAnyStored, method, db::text_array(request_ids), db::text_array(subjects))[0]
      .as<bool>();
}

void release_claims(pqxx::transaction_base& tx, const std::string& method,
                    const std::vector<std::string>& request_ids,
                    const std::vector<std::string>& subjects) {
  tx.exec_params(kReleaseClaims, method, db::text_array(request_ids), db::text_array(subjects));
}

std::size_t finish_batch(pqxx::transaction_base& tx, const std::string& method,
                         const BatchFinish& finish, bool claiming) {
  auto result = tx.exec_prepared(
      claiming ? "vnn_batch_finish_claiming" : "vnn_batch_finish", method,
      db::text_array(finish.stored.request_ids), db::text_array(finish.stored.subjects),
      db::text_array(finish.stored.request_hashes), db::text_array(finish.responses),
      db::text_array(finish.audit_subjects), db::text_array(finish.audit_roles),
      db::text_array(finish.audit_units), db::text_array(finish.audit_request_ids),
      db::text_array(finish.audit_correlation_ids), db::text_array(finish.audit_details),
      db::text_array(finish.audit_changes));
  return claiming ? result[0][0].as<std::size_t>() : 0;
}

}  // namespace vnn::platform::rpc::detail
