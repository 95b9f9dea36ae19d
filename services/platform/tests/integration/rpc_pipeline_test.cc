// The request pipeline (rpc/handler.h) as a caller sees it: the probe service runs as a real
// process against the test stack's PostgreSQL and NATS, and is called over gRPC.

#include <google/protobuf/descriptor.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>
#include <jwt.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <future>
#include <latch>
#include <memory>
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "vnn/platform/auth/token_minter.h"
#include "vnn/platform/rpc/error_details.h"
#include "vnn/platform/rpc/handler.h"
#include "vnn/testing/service_process.h"
#include "vnn/testing/test_stack.h"
#include "vnn/testing/test_tokens.h"
#include "vnn/testing/v1/probe.grpc.pb.h"

namespace vnn::testing {
namespace {

using namespace std::chrono_literals;
using platform::auth::Role;
using Clock = std::chrono::steady_clock;

// Generous: a call that should be quick may still wait for a busy 2-core machine.
constexpr auto kCallTimeout = 20s;

// Units of services/platform/data/admin-units/75-dong-nai-dinh-quan.csv. Entries are recorded
// for today, which is after the merger of 2025-07-01: only the province and the 2025 communes
// exist today, the district 736 and the 2024 communes do not.
constexpr const char* kProvince = "75";
constexpr const char* kDinhQuan = "26206";  // Xã Định Quán (2025)
constexpr const char* kThongNhat = "26299";  // Xã Thống Nhất (2025): took in Phú Túc, Phú Cường
constexpr const char* kPhuTuc = "26242";      // Xã Phú Túc, merged on 2025-07-01
constexpr const char* kPhuCuong = "26236";    // Xã Phú Cường, merged on 2025-07-01
constexpr const char* kDistrict2024 = "736";  // Huyện Định Quán, abolished on 2025-07-01

struct JwtDeleter {
  void operator()(jwt_t* jwt) const { jwt_free(jwt); }
};
struct FreeDeleter {
  void operator()(char* text) const { std::free(text); }
};

// Signs `claims` with the shared test key through libjwt directly: the minter refuses to make
// an expired token, so this builds one (and, as a control, an otherwise identical valid one).
std::string crafted_bearer(const nlohmann::json& claims) {
  const auto key = platform::auth::load_signing_key(test_tokens().key_spec());
  jwt_t* raw = nullptr;
  if (jwt_new(&raw) != 0 || raw == nullptr) throw std::runtime_error("jwt_new failed");
  std::unique_ptr<jwt_t, JwtDeleter> jwt(raw);
  if (jwt_add_header(jwt.get(), "kid", key.key_id.c_str()) != 0 ||
      jwt_add_grants_json(jwt.get(), claims.dump().c_str()) != 0 ||
      jwt_set_alg(jwt.get(), JWT_ALG_HS256, reinterpret_cast<const unsigned char*>(key.key.data()),
                  static_cast<int>(key.key.size())) != 0) {
    throw std::runtime_error("cannot build the crafted token");
  }
  std::unique_ptr<char, FreeDeleter> encoded(jwt_encode_str(jwt.get()));
  if (!encoded) throw std::runtime_error("cannot sign the crafted token");
  return "Bearer " + std::string(encoded.get());
}

// Claims as the platform issues them, expiring `expires_in` from now (negative: in the past).
nlohmann::json district_office_claims(std::chrono::seconds expires_in) {
  const long now = static_cast<long>(std::chrono::duration_cast<std::chrono::seconds>(
                                         std::chrono::system_clock::now().time_since_epoch())
                                         .count());
  return {{"iss", "vnn-local"},
          {"aud", "vnn"},
          {"sub", "tester"},
          {"role", "district_office"},
          {"units", nlohmann::json::array({kProvince})},
          {"iat", now - 7200},
          {"exp", now + static_cast<long>(expires_in.count())}};
}

std::string bearer(Role role, std::vector<std::string> units = {}) {
  return test_tokens().bearer(role, std::move(units));
}
std::string district_office() { return bearer(Role::kDistrictOffice, {kProvince}); }

struct Outcome {
  grpc::Status status;
  std::string error_field;  // the vnn-error-field trailing metadata, if any
};

std::string error_field_of(const grpc::ClientContext& context) {
  const auto& trailers = context.GetServerTrailingMetadata();
  auto found = trailers.find(platform::rpc::kErrorFieldKey);
  if (found == trailers.end()) return {};
  return std::string(found->second.data(), found->second.size());
}

void prepare(grpc::ClientContext& context, const std::string& authorization) {
  context.set_deadline(std::chrono::system_clock::now() + kCallTimeout);
  if (!authorization.empty()) context.AddMetadata("authorization", authorization);
}

// A valid entry for `unit`; the note carries the request id, so the rows it makes can be found.
v1::RecordEntryRequest entry_request(const std::string& unit, std::int64_t dong = 150000) {
  v1::RecordEntryRequest request;
  request.set_request_id(unique_name("req"));
  request.set_unit_code(unit);
  request.mutable_amount()->set_dong(dong);
  request.set_note(request.request_id());
  return request;
}

template <typename... Args>
pqxx::result admin_query(const std::string& sql, Args&&... args) {
  pqxx::connection c(TestStack::get().admin_dsn);
  pqxx::work tx(c);
  auto rows = tx.exec_params(sql, std::forward<Args>(args)...);
  tx.commit();
  return rows;
}

template <typename... Args>
std::int64_t admin_count(const std::string& sql, Args&&... args) {
  return admin_query(sql, std::forward<Args>(args)...)[0][0].template as<std::int64_t>();
}

// Refusals and failures are audited by a background writer: their rows appear shortly after
// the answer. The rows once there are some, or none after a few seconds.
template <typename... Args>
pqxx::result eventual_rows(const std::string& sql, Args&&... args) {
  pqxx::result rows;
  for (auto until = std::chrono::steady_clock::now() + std::chrono::seconds(5);
       std::chrono::steady_clock::now() < until;
       std::this_thread::sleep_for(std::chrono::milliseconds(20))) {
    rows = admin_query(sql, args...);
    if (!rows.empty()) break;
  }
  return rows;
}

class RpcPipelineTest : public ::testing::Test {
 protected:
  // One probe process for the suite: starting one takes a moment, and every test keeps to its
  // own request ids and rows.
  static void SetUpTestSuite() {
    schema_ = unique_name("probe");
    try {
      process_ = std::make_unique<ServiceProcess>(
          probe_binary(), std::vector<std::string>{},
          std::map<std::string, std::string>{
              {"VNN_PROBE_SCHEMA", schema_},
              {"VNN_DB_MIGRATION_DSN", TestStack::get().admin_dsn},
              {"VNN_DB_DSN", TestStack::get().dsn_for(runtime_role())},
              {"VNN_NATS_URL", TestStack::get().nats_url},
              {"VNN_NATS_USER", TestStack::get().nats_user("vnn_tools")},
              {"VNN_NATS_PASSWORD_FILE", TestStack::get().nats_password_file("vnn_tools")},
              {"VNN_JWT_KEYS", test_tokens().key_spec()},
              {"VNN_GRPC_LISTEN", "127.0.0.1:0"}});
      process_->wait_for_port(60s);
      stub_ = v1::ProbeService::NewStub(process_->channel());
    } catch (const std::exception& e) {
      startup_error_ = e.what();
    }
  }
  static void TearDownTestSuite() {
    stub_.reset();
    process_.reset();
  }
  void SetUp() override { ASSERT_TRUE(stub_) << "probe did not start: " << startup_error_; }

  static std::string runtime_role() { return "vnn_" + schema_; }
  static std::string table(const std::string& name) { return schema_ + "." + name; }

  static Outcome record(const std::string& authorization, const v1::RecordEntryRequest& request,
                        v1::Entry* entry = nullptr) {
    grpc::ClientContext context;
    prepare(context, authorization);
    v1::Entry response;
    Outcome outcome{stub_->RecordEntry(&context, request, &response), {}};
    outcome.error_field = error_field_of(context);
    if (entry != nullptr) *entry = response;
    return outcome;
  }
  static grpc::Status get_entry(const std::string& authorization, std::int64_t id) {
    grpc::ClientContext context;
    prepare(context, authorization);
    v1::GetEntryRequest request;
    request.set_id(id);
    v1::Entry response;
    return stub_->GetEntry(&context, request, &response);
  }
  static grpc::Status sleep_call(const std::string& authorization, int millis) {
    grpc::ClientContext context;
    prepare(context, authorization);
    v1::SleepRequest request;
    request.set_millis(millis);
    v1::SleepResponse response;
    return stub_->Sleep(&context, request, &response);
  }

  static std::int64_t entries_with_note(const std::string& note) {
    return admin_count("SELECT count(*) FROM " + table("entry") + " WHERE note = $1", note);
  }
  // Active pg_sleep statements of the probe's runtime role.
  static std::int64_t active_sleeps() {
    return admin_count(
        "SELECT count(*) FROM pg_stat_activity WHERE usename = $1 AND state = 'active' AND "
        "query ILIKE '%pg_sleep%' AND pid <> pg_backend_pid()",
        runtime_role());
  }

  static inline std::string schema_;
  static inline std::string startup_error_;
  static inline std::unique_ptr<ServiceProcess> process_;
  static inline std::unique_ptr<v1::ProbeService::Stub> stub_;
};

TEST_F(RpcPipelineTest, EveryTokenFailureIsUnauthenticated) {
  const auto signing_key = platform::auth::load_signing_key(test_tokens().key_spec());
  platform::auth::Principal principal{
      .subject = "tester", .role = Role::kDistrictOffice, .unit_codes = {kProvince}};
  const platform::auth::TokenMinter other_issuer(signing_key, "someone-else", "vnn");
  const platform::auth::TokenMinter other_audience(signing_key, "vnn-local", "another-audience");
  const TestTokens other_key;  // a fresh random key the probe does not know
  auto unknown_role = district_office_claims(10min);
  unknown_role["role"] = "mayor";

  // The control first: a token built the same way as the expired one, but still valid.
  ASSERT_TRUE(
      record(crafted_bearer(district_office_claims(10min)), entry_request(kDinhQuan)).status.ok());

  const std::vector<std::pair<std::string, std::string>> cases = {
      {"no token", ""},
      {"Basic scheme", "Basic x"},
      {"garbage", "garbage"},
      {"Bearer garbage", "Bearer not-a-jwt"},
      {"expired an hour ago", crafted_bearer(district_office_claims(-1h))},
      {"signed with another key", other_key.bearer(Role::kDistrictOffice, {kProvince})},
      {"another issuer", "Bearer " + other_issuer.mint(principal, 10min)},
      {"another audience", "Bearer " + other_audience.mint(principal, 10min)},
      {"unknown role", crafted_bearer(unknown_role)},
  };
  for (const auto& [label, authorization] : cases) {
    SCOPED_TRACE(label);
    const auto request = entry_request(kDinhQuan);
    const Outcome outcome = record(authorization, request);
    EXPECT_EQ(outcome.status.error_code(), grpc::StatusCode::UNAUTHENTICATED)
        << outcome.status.error_message();
    // The reason is given, the credentials are not echoed back.
    if (authorization.size() > 8) {
      EXPECT_EQ(outcome.status.error_message().find(authorization.substr(7)), std::string::npos);
    }
    EXPECT_EQ(entries_with_note(request.note()), 0);
    EXPECT_EQ(get_entry(authorization, 1).error_code(), grpc::StatusCode::UNAUTHENTICATED);
  }
}

TEST_F(RpcPipelineTest, RoleNotAllowedForTheMethodIsPermissionDenied) {
  v1::Entry entry;
  ASSERT_TRUE(record(district_office(), entry_request(kDinhQuan), &entry).status.ok());

  EXPECT_EQ(record(bearer(Role::kAuditor), entry_request(kDinhQuan)).status.error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(record(bearer(Role::kMemberOrganisation, {kDinhQuan}), entry_request(kDinhQuan))
                .status.error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(record(bearer(Role::kPublic), entry_request(kDinhQuan)).status.error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(get_entry(bearer(Role::kMemberOrganisation, {kDinhQuan}), entry.id()).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(sleep_call(bearer(Role::kCommuneOfficer, {kDinhQuan}), 1).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  // The auditor reads what it may not write.
  EXPECT_TRUE(get_entry(bearer(Role::kAuditor), entry.id()).ok());
}

TEST_F(RpcPipelineTest, UnitOutsideTheCallersScopeIsPermissionDenied) {
  // A commune officer acts for the own commune only, not for the one beside it…
  const auto beside = entry_request(kThongNhat);
  EXPECT_EQ(record(bearer(Role::kCommuneOfficer, {kDinhQuan}), beside).status.error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(entries_with_note(beside.note()), 0);
  // …and a token still naming Phú Túc (merged into Thống Nhất) does not reach the merged commune:
  // a scope never covers a unit above or beside it.
  EXPECT_EQ(record(bearer(Role::kCommuneOfficer, {kPhuTuc}), entry_request(kThongNhat))
                .status.error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  // Controls: the own commune, and the province covering every commune.
  EXPECT_TRUE(
      record(bearer(Role::kCommuneOfficer, {kDinhQuan}), entry_request(kDinhQuan)).status.ok());
  EXPECT_TRUE(record(district_office(), entry_request(kThongNhat)).status.ok());
}

TEST_F(RpcPipelineTest, UnknownUnitIsInvalidArgumentNamingTheField) {
  // 99999 never existed; 26236 and 736 existed until 2025-06-30 but not today.
  for (const char* unit : {"99999", kPhuCuong, kDistrict2024}) {
    SCOPED_TRACE(unit);
    const auto request = entry_request(unit);
    const Outcome outcome = record(district_office(), request);
    EXPECT_EQ(outcome.status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_EQ(outcome.error_field, "unit_code");
    EXPECT_EQ(entries_with_note(request.note()), 0);
  }
  // The 2024 pair of the scope rule: an officer of Phú Túc recording for Phú Cường. Both are
  // gone today, so the unit is refused as unknown before any scope is looked at.
  const Outcome outcome =
      record(bearer(Role::kCommuneOfficer, {kPhuTuc}), entry_request(kPhuCuong));
  EXPECT_EQ(outcome.status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(outcome.error_field, "unit_code");
}

TEST_F(RpcPipelineTest, NonPositiveAmountIsInvalidArgumentNamingTheField) {
  for (std::int64_t dong : {std::int64_t{0}, std::int64_t{-5000}}) {
    SCOPED_TRACE(dong);
    const auto request = entry_request(kDinhQuan, dong);
    const Outcome outcome = record(district_office(), request);
    EXPECT_EQ(outcome.status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_EQ(outcome.error_field, "amount.dong");
    EXPECT_EQ(entries_with_note(request.note()), 0);
  }
  auto no_amount = entry_request(kDinhQuan);
  no_amount.clear_amount();
  const Outcome outcome = record(district_office(), no_amount);
  EXPECT_EQ(outcome.status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(outcome.error_field, "amount.dong");
}

TEST_F(RpcPipelineTest, RefusalsCarryMachineReadableDetails) {
  // Bad input: ErrorInfo, the BadRequest field and a Vietnamese message naming the field.
  const Outcome bad_amount = record(district_office(), entry_request(kDinhQuan, 0));
  const auto bad = platform::rpc::read_error_details(bad_amount.status);
  EXPECT_EQ(bad.reason, "INVALID_FIELD");
  EXPECT_EQ(bad.domain, "vnn.probe");
  EXPECT_EQ(bad.field, "amount.dong");
  EXPECT_EQ(bad.metadata.at("field"), "amount.dong");
  EXPECT_NE(bad.vietnamese.find("«amount.dong»"), std::string::npos) << bad.vietnamese;

  // A unit outside the caller's scope and a role the method does not admit differ by reason.
  const auto beside = platform::rpc::read_error_details(
      record(bearer(Role::kCommuneOfficer, {kDinhQuan}), entry_request(kThongNhat)).status);
  EXPECT_EQ(beside.reason, "NOT_IN_SCOPE");
  EXPECT_EQ(beside.vietnamese, "Đơn vị này nằm ngoài phạm vi được giao cho bạn.");
  const auto role = platform::rpc::read_error_details(
      record(bearer(Role::kPublic), entry_request(kDinhQuan)).status);
  EXPECT_EQ(role.reason, "ROLE_NOT_ALLOWED");

  // No token at all: still a reason a machine can act on.
  EXPECT_EQ(platform::rpc::read_error_details(record("", entry_request(kDinhQuan)).status).reason,
            "UNAUTHENTICATED");
}

TEST_F(RpcPipelineTest, MissingOrOverlongRequestIdIsInvalidArgument) {
  auto missing = entry_request(kDinhQuan);
  missing.clear_request_id();
  Outcome outcome = record(district_office(), missing);
  EXPECT_EQ(outcome.status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(outcome.error_field, "request_id");
  EXPECT_EQ(entries_with_note(missing.note()), 0);

  auto overlong = entry_request(kDinhQuan);
  overlong.set_request_id(std::string(129, 'r'));
  outcome = record(district_office(), overlong);
  EXPECT_EQ(outcome.status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(outcome.error_field, "request_id");
  EXPECT_EQ(entries_with_note(overlong.note()), 0);
}

TEST_F(RpcPipelineTest, ConcurrentRetriesOfOneRequestRecordItOnce) {
  constexpr int kCalls = 16;
  const auto request = entry_request(kDinhQuan, 250000);
  const std::string authorization = district_office();
  std::vector<Outcome> outcomes(kCalls);
  std::vector<v1::Entry> entries(kCalls);
  std::latch start(kCalls);
  std::vector<std::thread> threads;
  for (int i = 0; i < kCalls; ++i) {
    threads.emplace_back([&, i] {
      start.arrive_and_wait();  // all at once, like a client retrying impatiently
      outcomes[i] = record(authorization, request, &entries[i]);
    });
  }
  for (auto& thread : threads) thread.join();

  for (int i = 0; i < kCalls; ++i) {
    SCOPED_TRACE(i);
    ASSERT_TRUE(outcomes[i].status.ok()) << outcomes[i].status.error_message();
    EXPECT_GT(entries[i].id(), 0);
    EXPECT_EQ(entries[i].id(), entries[0].id());
    EXPECT_EQ(entries[i].amount().dong(), 250000);
    EXPECT_EQ(entries[i].unit_code(), kDinhQuan);
  }
  const std::string id = std::to_string(entries[0].id());
  EXPECT_EQ(entries_with_note(request.note()), 1);
  EXPECT_EQ(admin_count("SELECT count(*) FROM " + table("outbox") +
                            " WHERE aggregate_type = 'entry' AND aggregate_id = $1",
                        id),
            1);
  EXPECT_EQ(admin_count("SELECT count(*) FROM " + table("audit_log") +
                            " WHERE request_id = $1 AND outcome = 'ok' AND detail = ''",
                        request.request_id()),
            1);
  EXPECT_EQ(admin_count("SELECT count(*) FROM " + table("audit_log") +
                            " WHERE request_id = $1 AND outcome = 'ok' AND detail = 'replayed'",
                        request.request_id()),
            kCalls - 1);
  EXPECT_EQ(admin_count("SELECT count(*) FROM " + table("audit_log") + " WHERE request_id = $1",
                        request.request_id()),
            kCalls);

  // The same key for a different request is a client bug, not a retry.
  auto different = request;
  different.mutable_amount()->set_dong(260000);
  const Outcome reused = record(authorization, different);
  EXPECT_EQ(reused.status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(reused.error_field, "request_id");
  EXPECT_EQ(entries_with_note(request.note()), 1);
}

TEST_F(RpcPipelineTest, RefusedCallsAreAuditedWithTheirStatus) {
  struct Case {
    const char* label;
    std::string authorization;
    v1::RecordEntryRequest request;
    grpc::StatusCode code;
    const char* role;
  };
  std::vector<Case> cases;
  cases.push_back({"role not allowed", bearer(Role::kAuditor), entry_request(kDinhQuan),
                   grpc::StatusCode::PERMISSION_DENIED, "auditor"});
  cases.push_back({"unit out of scope", bearer(Role::kCommuneOfficer, {kDinhQuan}),
                   entry_request(kThongNhat), grpc::StatusCode::PERMISSION_DENIED,
                   "commune_officer"});
  cases.push_back({"invalid amount", district_office(), entry_request(kDinhQuan, 0),
                   grpc::StatusCode::INVALID_ARGUMENT, "district_office"});
  for (const auto& c : cases) {
    SCOPED_TRACE(c.label);
    ASSERT_EQ(record(c.authorization, c.request).status.error_code(), c.code);
    const auto rows = eventual_rows("SELECT outcome, status_code, role, detail, subject FROM " +
                                        table("audit_log") + " WHERE request_id = $1",
                                    c.request.request_id());
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0][0].as<std::string>(), "refused");
    EXPECT_EQ(rows[0][1].as<std::string>(), c.code == grpc::StatusCode::PERMISSION_DENIED
                                                ? "PERMISSION_DENIED"
                                                : "INVALID_ARGUMENT");
    // Who was refused is what an audit trail of refusals is for: a verified caller is named.
    EXPECT_EQ(rows[0][2].as<std::string>(), c.role);
    EXPECT_EQ(rows[0][4].as<std::string>(), "tester");
    EXPECT_FALSE(rows[0][3].as<std::string>().empty()) << "a refusal is recorded with its reason";
  }
}

TEST_F(RpcPipelineTest, FailureAfterWriteLeavesNothingHalfWritten) {
  const auto outbox_before = admin_count("SELECT count(*) FROM " + table("outbox"));
  auto request = entry_request(kDinhQuan);
  request.set_fail_after_write(true);
  const Outcome outcome = record(district_office(), request);
  EXPECT_EQ(outcome.status.error_code(), grpc::StatusCode::INTERNAL);
  EXPECT_EQ(outcome.status.error_message(), "internal error");  // no internals for the caller

  EXPECT_EQ(entries_with_note(request.note()), 0);
  EXPECT_EQ(admin_count("SELECT count(*) FROM " + table("outbox")), outbox_before);
  EXPECT_EQ(
      admin_count("SELECT count(*) FROM " + table("idempotency_key") + " WHERE request_id = $1",
                  request.request_id()),
      0);
  const auto rows = eventual_rows(
      "SELECT outcome, status_code, detail FROM " + table("audit_log") + " WHERE request_id = $1",
      request.request_id());
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0][0].as<std::string>(), "failed");
  EXPECT_EQ(rows[0][1].as<std::string>(), "INTERNAL");
  EXPECT_EQ(rows[0][2].as<std::string>(), "internal error");

  // Nothing was kept for the key either: the retry runs again (and fails again), instead of
  // replaying a result that never committed.
  EXPECT_EQ(record(district_office(), request).status.error_code(), grpc::StatusCode::INTERNAL);
  EXPECT_EQ(entries_with_note(request.note()), 0);
}

TEST_F(RpcPipelineTest, DeadlineStopsTheCallAndItsQueryInPostgres) {
  // Control: a sleep that is allowed to finish is visible in pg_stat_activity while it runs,
  // so the absence checked below means something.
  auto allowed = std::async(std::launch::async, [] { return sleep_call(district_office(), 1500); });
  bool seen = false;
  for (auto until = Clock::now() + 5s; !seen && Clock::now() < until;
       std::this_thread::sleep_for(20ms)) {
    seen = active_sleeps() > 0;
  }
  EXPECT_TRUE(seen) << "the running pg_sleep was never visible";
  EXPECT_TRUE(allowed.get().ok());

  grpc::ClientContext context;
  context.AddMetadata("authorization", district_office());
  v1::SleepRequest request;
  request.set_millis(3000);
  v1::SleepResponse response;
  const auto started = Clock::now();
  context.set_deadline(std::chrono::system_clock::now() + 300ms);
  const grpc::Status status = stub_->Sleep(&context, request, &response);
  const auto elapsed = Clock::now() - started;
  EXPECT_EQ(status.error_code(), grpc::StatusCode::DEADLINE_EXCEEDED);
  EXPECT_LT(elapsed, 1s);

  // The statement timeout follows the deadline, so PostgreSQL stops too — well before the
  // 3 s the sleep asked for.
  bool gone = false;
  while (!gone && Clock::now() < started + 2s) {
    gone = active_sleeps() == 0;
    if (!gone) std::this_thread::sleep_for(50ms);
  }
  EXPECT_TRUE(gone) << "pg_sleep still running in PostgreSQL after the deadline";
}

TEST_F(RpcPipelineTest, EveryMethodRefusesCallsWithoutToken) {
  const auto* service = google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(
      v1::ProbeService::service_full_name());
  ASSERT_NE(service, nullptr);
  ASSERT_GT(service->method_count(), 0);
  grpc::GenericStub generic(process_->channel());
  for (int i = 0; i < service->method_count(); ++i) {
    const std::string method = "/" + service->full_name() + "/" + service->method(i)->name();
    SCOPED_TRACE(method);
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + kCallTimeout);
    grpc::Slice empty("");
    const grpc::ByteBuffer request(&empty, 1);  // every field at its default
    grpc::ByteBuffer response;
    std::promise<grpc::Status> done;
    generic.UnaryCall(&context, method, grpc::StubOptions(), &request, &response,
                      [&done](grpc::Status status) { done.set_value(std::move(status)); });
    EXPECT_EQ(done.get_future().get().error_code(), grpc::StatusCode::UNAUTHENTICATED);
  }
}

}  // namespace
}  // namespace vnn::testing
