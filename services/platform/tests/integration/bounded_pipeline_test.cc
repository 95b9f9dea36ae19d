// The pipeline's bounds as a caller sees them (issue 14, "refusal floods" and "statement-timeout
// ceiling"): the probe service runs as a real process with a small pool and low ceilings, against
// the test stack's PostgreSQL and NATS.

#include <arpa/inet.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <future>
#include <map>
#include <memory>
#include <pqxx/pqxx>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "vnn/testing/service_process.h"
#include "vnn/testing/test_stack.h"
#include "vnn/testing/test_tokens.h"
#include "vnn/testing/v1/probe.grpc.pb.h"

namespace vnn::testing {
namespace {

using namespace std::chrono_literals;
using platform::auth::Role;
using Clock = std::chrono::steady_clock;

constexpr const char* kProvince = "75";
constexpr const char* kDinhQuan = "26206";
constexpr int kPoolSize = 3;
constexpr auto kCeiling = 1000ms;         // VNN_DB_STATEMENT_TIMEOUT_CEILING_MS
constexpr auto kImportCeiling = 10000ms;  // VNN_DB_IMPORT_STATEMENT_TIMEOUT_CEILING_MS
constexpr auto kAcquireTimeout = 500ms;   // VNN_DB_ACQUIRE_TIMEOUT_MS
constexpr int kMetricsPort = 42464;       // within this suite's port range

std::string district_office() { return test_tokens().bearer(Role::kDistrictOffice, {kProvince}); }

// A deadline a year away: what a caller who wants to hold the database would send.
std::chrono::system_clock::time_point a_year_from_now() {
  return std::chrono::system_clock::now() + std::chrono::hours(24 * 364);
}

std::int64_t admin_count(const std::string& sql, const std::string& param = {}) {
  pqxx::connection c(TestStack::get().admin_dsn);
  pqxx::work tx(c);
  auto rows = param.empty() ? tx.exec(sql) : tx.exec_params(sql, param);
  tx.commit();
  return rows[0][0].as<std::int64_t>();
}

// GET http://127.0.0.1:<port>/metrics, the body.
std::string scrape_metrics(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) throw std::runtime_error("socket failed");
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    ::close(fd);
    throw std::runtime_error("cannot connect to the metrics port");
  }
  const std::string request = "GET /metrics HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n";
  if (::send(fd, request.data(), request.size(), 0) < 0) {
    ::close(fd);
    throw std::runtime_error("send failed");
  }
  std::string response;
  char buffer[4096];
  for (ssize_t n; (n = ::recv(fd, buffer, sizeof buffer, 0)) > 0;) {
    response.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return response;
}

// The sum of a metric's samples whose labels contain `label`.
double metric_value(const std::string& metrics, const std::string& name, const std::string& label) {
  double sum = 0;
  std::istringstream lines(metrics);
  for (std::string line; std::getline(lines, line);) {
    if (!line.starts_with(name + "{") || line.find(label) == std::string::npos) continue;
    sum += std::stod(line.substr(line.rfind(' ') + 1));
  }
  return sum;
}

std::size_t occurrences(const std::string& text, const std::string& what) {
  std::size_t count = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++count;
  return count;
}

class BoundedPipelineTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    schema_ = unique_name("bounded");
    try {
      process_ = std::make_unique<ServiceProcess>(
          probe_binary(), std::vector<std::string>{},
          std::map<std::string, std::string>{
              {"VNN_PROBE_SCHEMA", schema_},
              {"VNN_DB_MIGRATION_DSN", TestStack::get().admin_dsn},
              {"VNN_DB_DSN", TestStack::get().dsn_for("vnn_" + schema_)},
              {"VNN_NATS_URL", TestStack::get().nats_url},
              {"VNN_JWT_KEYS", test_tokens().key_spec()},
              {"VNN_GRPC_LISTEN", "127.0.0.1:0"},
              {"VNN_METRICS_LISTEN", "127.0.0.1:" + std::to_string(kMetricsPort)},
              {"VNN_DB_POOL_SIZE", std::to_string(kPoolSize)},
              {"VNN_DB_STATEMENT_TIMEOUT_CEILING_MS", std::to_string(kCeiling.count())},
              {"VNN_DB_IMPORT_STATEMENT_TIMEOUT_CEILING_MS",
               std::to_string(kImportCeiling.count())},
              {"VNN_DB_ACQUIRE_TIMEOUT_MS", std::to_string(kAcquireTimeout.count())},
              {"VNN_PRUNE_INTERVAL_S", "1"}});
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

  static grpc::Status sleep_call(int millis, bool as_import,
                                 std::chrono::system_clock::time_point deadline) {
    grpc::ClientContext context;
    context.AddMetadata("authorization", district_office());
    context.set_deadline(deadline);
    v1::SleepRequest request;
    request.set_millis(millis);
    request.set_as_import(as_import);
    v1::SleepResponse response;
    return stub_->Sleep(&context, request, &response);
  }
  static std::int64_t active_sleeps() {
    return admin_count(
        "SELECT count(*) FROM pg_stat_activity WHERE usename = $1 AND state = 'active' AND "
        "query ILIKE '%pg_sleep%' AND pid <> pg_backend_pid()",
        "vnn_" + schema_);
  }

  static inline std::string schema_;
  static inline std::string startup_error_;
  static inline std::unique_ptr<ServiceProcess> process_;
  static inline std::unique_ptr<v1::ProbeService::Stub> stub_;
};

TEST_F(BoundedPipelineTest, StatementTimeoutHasACeilingWhateverTheDeadline) {
  // A three-second statement under a one-year deadline: the ceiling (1 s) stops it.
  const auto started = Clock::now();
  const grpc::Status status = sleep_call(3000, false, a_year_from_now());
  const auto elapsed = Clock::now() - started;
  EXPECT_EQ(status.error_code(), grpc::StatusCode::DEADLINE_EXCEEDED) << status.error_message();
  EXPECT_LT(elapsed, 2500ms) << "the statement ran past the ceiling";
  bool gone = false;
  for (auto until = Clock::now() + 2s; !gone && Clock::now() < until;
       std::this_thread::sleep_for(50ms)) {
    gone = active_sleeps() == 0;
  }
  EXPECT_TRUE(gone) << "pg_sleep still running in PostgreSQL past the ceiling";
  // Below the ceiling the same call completes.
  EXPECT_TRUE(sleep_call(200, false, a_year_from_now()).ok());
}

TEST_F(BoundedPipelineTest, ImportsGetTheirOwnLargerCeiling) {
  // An import's one long transaction (the payroll list) runs statements longer than the
  // ordinary ceiling allows; under the import ceiling they complete.
  const grpc::Status status = sleep_call(1500, true, a_year_from_now());
  EXPECT_TRUE(status.ok()) << status.error_message();
}

TEST_F(BoundedPipelineTest, PoolWithEveryConnectionHeldAnswersWithinItsDeadline) {
  // Hold every pooled connection with a sleep (as imports, so the ceiling lets them run).
  std::vector<std::future<grpc::Status>> holders;
  for (int i = 0; i < kPoolSize; ++i) {
    holders.push_back(
        std::async(std::launch::async, [] { return sleep_call(4000, true, a_year_from_now()); }));
  }
  bool held = false;
  for (auto until = Clock::now() + 5s; !held && Clock::now() < until;
       std::this_thread::sleep_for(20ms)) {
    held = active_sleeps() == kPoolSize;
  }
  ASSERT_TRUE(held) << "the sleeps never held the whole pool";

  // A caller with a one-year deadline waits at most the pool's own cap, and is told why.
  auto started = Clock::now();
  grpc::Status status = sleep_call(1, false, a_year_from_now());
  auto elapsed = Clock::now() - started;
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE) << status.error_message();
  EXPECT_NE(status.error_message().find("connection"), std::string::npos) << status.error_message();
  EXPECT_LT(elapsed, 2s);
  EXPECT_GE(elapsed, kAcquireTimeout - 50ms);

  // A caller whose own deadline is nearer gets DEADLINE_EXCEEDED at that deadline.
  started = Clock::now();
  status = sleep_call(1, false, std::chrono::system_clock::now() + 200ms);
  elapsed = Clock::now() - started;
  EXPECT_EQ(status.error_code(), grpc::StatusCode::DEADLINE_EXCEEDED) << status.error_message();
  EXPECT_LT(elapsed, 1s);

  for (auto& holder : holders) EXPECT_TRUE(holder.get().ok());
  // And the pool serves again once they are done.
  EXPECT_TRUE(sleep_call(1, false, a_year_from_now()).ok());
}

TEST_F(BoundedPipelineTest, UnauthenticatedCallsAreCountedNotAudited) {
  constexpr int kCalls = 40;
  const std::string method = "vnn.testing.v1.ProbeService/RecordEntry";
  const std::string label = "method=\"" + method + "\"";
  const double counted_before =
      metric_value(scrape_metrics(kMetricsPort), "vnn_unauthenticated_calls_total", label);
  const std::int64_t audited_before = admin_count("SELECT count(*) FROM " + schema_ + ".audit_log");

  for (int i = 0; i < kCalls; ++i) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + 20s);
    if (i % 2 == 1) context.AddMetadata("authorization", "Bearer not-a-jwt");
    v1::RecordEntryRequest request;
    request.set_request_id(unique_name("flood"));
    request.set_unit_code(kDinhQuan);
    request.mutable_amount()->set_dong(1000);
    v1::Entry response;
    ASSERT_EQ(stub_->RecordEntry(&context, request, &response).error_code(),
              grpc::StatusCode::UNAUTHENTICATED);
  }

  // Nothing written (the background writer has had time to write anything it had)…
  std::this_thread::sleep_for(300ms);
  EXPECT_EQ(admin_count("SELECT count(*) FROM " + schema_ + ".audit_log"), audited_before);
  // … but every call counted,
  const double counted_after =
      metric_value(scrape_metrics(kMetricsPort), "vnn_unauthenticated_calls_total", label);
  EXPECT_EQ(counted_after - counted_before, kCalls);
  // and the log samples them: one line for the flood, not one per call.
  EXPECT_LE(occurrences(process_->log(), "unauthenticated calls refused"), 1u);
  EXPECT_GE(occurrences(process_->log(), "unauthenticated calls refused"), 1u);

  // A verified caller's refusal is still on the record (written in the background).
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + 20s);
  context.AddMetadata("authorization", test_tokens().bearer(Role::kAuditor));
  v1::RecordEntryRequest request;
  request.set_request_id(unique_name("refused"));
  request.set_unit_code(kDinhQuan);
  request.mutable_amount()->set_dong(1000);
  v1::Entry response;
  ASSERT_EQ(stub_->RecordEntry(&context, request, &response).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  std::int64_t rows = 0;
  for (auto until = Clock::now() + 5s; rows == 0 && Clock::now() < until;
       std::this_thread::sleep_for(20ms)) {
    rows = admin_count("SELECT count(*) FROM " + schema_ +
                           ".audit_log WHERE request_id = $1 AND outcome = 'refused'",
                       request.request_id());
  }
  EXPECT_EQ(rows, 1);
}

TEST_F(BoundedPipelineTest, RequestIdsAreScopedPerCaller) {
  const std::string request_id = unique_name("shared");
  auto record = [&](const std::string& subject, std::int64_t dong, v1::Entry* entry) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + 20s);
    context.AddMetadata("authorization",
                        test_tokens().bearer(Role::kDistrictOffice, {kProvince}, subject));
    v1::RecordEntryRequest request;
    request.set_request_id(request_id);
    request.set_unit_code(kDinhQuan);
    request.mutable_amount()->set_dong(dong);
    request.set_note(request_id);
    return stub_->RecordEntry(&context, request, entry);
  };
  v1::Entry a, b, a_again, b_again;
  ASSERT_TRUE(record("officer-a", 100000, &a).ok());
  // Another caller who happens to use (or learned) the same request id is not blocked by it,
  // and does not get the first caller's answer.
  const grpc::Status other = record("officer-b", 200000, &b);
  ASSERT_TRUE(other.ok()) << other.error_message();
  EXPECT_NE(b.id(), a.id());
  EXPECT_EQ(b.amount().dong(), 200000);
  // Each caller's retry gets its own stored answer.
  ASSERT_TRUE(record("officer-a", 100000, &a_again).ok());
  ASSERT_TRUE(record("officer-b", 200000, &b_again).ok());
  EXPECT_EQ(a_again.SerializeAsString(), a.SerializeAsString());
  EXPECT_EQ(b_again.SerializeAsString(), b.SerializeAsString());
  EXPECT_EQ(admin_count("SELECT count(*) FROM " + schema_ + ".entry WHERE note = $1", request_id),
            2);
}

TEST_F(BoundedPipelineTest, OldIdempotencyInboxAndCursorRowsArePruned) {
  const std::string tag = unique_name("prune");
  {
    pqxx::connection c(TestStack::get().admin_dsn);
    pqxx::work tx(c);
    for (const char* age : {"400 days", "1 day"}) {
      const std::string name = tag + "-" + std::string(age).substr(0, std::string(age).find(' '));
      tx.exec_params(
          "INSERT INTO " + schema_ +
              ".idempotency_key (method, request_id, subject, request_hash, "
              "created_at) VALUES ('m', $1, 's', decode('00', 'hex'), now() - $2::interval)",
          name, age);
      tx.exec_params("INSERT INTO " + schema_ +
                         ".inbox (consumer, event_id, subject, outcome, processed_at) VALUES "
                         "('c', $1, 'vnn.x', 'applied', now() - $2::interval)",
                     name, age);
      tx.exec_params("INSERT INTO " + schema_ +
                         ".consumer_cursor (consumer, aggregate_type, aggregate_id, "
                         "aggregate_version, updated_at) VALUES ('c', 'x', $1, 1, "
                         "now() - $2::interval)",
                     name, age);
    }
    tx.commit();
  }
  auto left = [&](const std::string& table, const std::string& column) {
    return admin_count(
        "SELECT count(*) FROM " + schema_ + "." + table + " WHERE " + column + " LIKE $1",
        tag + "-%");
  };
  // The service prunes every second here (VNN_PRUNE_INTERVAL_S=1); the defaults keep
  // idempotency keys 30 days, inbox and cursors 120 days.
  bool pruned = false;
  for (auto until = Clock::now() + 15s; !pruned && Clock::now() < until;
       std::this_thread::sleep_for(100ms)) {
    pruned = left("idempotency_key", "request_id") == 1 && left("inbox", "event_id") == 1 &&
             left("consumer_cursor", "aggregate_id") == 1;
  }
  EXPECT_TRUE(pruned) << "old rows still there: idempotency "
                      << left("idempotency_key", "request_id") << ", inbox "
                      << left("inbox", "event_id") << ", cursors "
                      << left("consumer_cursor", "aggregate_id");
  // What is left is the recent row of each.
  EXPECT_EQ(
      admin_count("SELECT count(*) FROM " + schema_ + ".idempotency_key WHERE request_id = $1",
                  tag + "-1"),
      1);
  EXPECT_EQ(
      admin_count("SELECT count(*) FROM " + schema_ + ".inbox WHERE event_id = $1", tag + "-1"), 1);
  EXPECT_EQ(
      admin_count("SELECT count(*) FROM " + schema_ + ".consumer_cursor WHERE aggregate_id = $1",
                  tag + "-1"),
      1);
}

// A ceiling set above what PostgreSQL takes for statement_timeout (INT_MAX ms) is clamped, and a
// transaction whose first statement fails never goes back to the pool still open: with one
// connection, a call after such a failure works.
TEST(StatementTimeoutClampTest, AHugeCeilingIsClampedAndAFailedBeginNeverPoisonsTheConnection) {
  const std::string schema = unique_name("clamp");
  ServiceProcess process(probe_binary(), {},
                         {{"VNN_PROBE_SCHEMA", schema},
                          {"VNN_DB_MIGRATION_DSN", TestStack::get().admin_dsn},
                          {"VNN_DB_DSN", TestStack::get().dsn_for("vnn_" + schema)},
                          {"VNN_NATS_URL", TestStack::get().nats_url},
                          {"VNN_JWT_KEYS", test_tokens().key_spec()},
                          {"VNN_GRPC_LISTEN", "127.0.0.1:0"},
                          {"VNN_DB_POOL_SIZE", "1"},
                          {"VNN_DB_STATEMENT_TIMEOUT_CEILING_MS", "3000000000"},
                          {"VNN_DB_IMPORT_STATEMENT_TIMEOUT_CEILING_MS", "3000000000"}});
  process.wait_for_port(std::chrono::seconds(60));
  auto stub = v1::ProbeService::NewStub(process.channel());
  for (int i = 0; i < 3; ++i) {
    grpc::ClientContext context;
    context.AddMetadata("authorization", district_office());
    context.set_deadline(a_year_from_now());
    v1::SleepRequest request;
    request.set_millis(1);
    v1::SleepResponse response;
    const grpc::Status status = stub->Sleep(&context, request, &response);
    EXPECT_TRUE(status.ok()) << i << ": " << status.error_message();
  }
}

}  // namespace
}  // namespace vnn::testing
