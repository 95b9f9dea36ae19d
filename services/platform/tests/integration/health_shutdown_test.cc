// The life of a service process (service_main.h) seen from outside: the standard gRPC health
// service follows PostgreSQL and NATS, liveness and readiness answer what Kubernetes needs (also
// on a plaintext health-only port under mutual TLS), SIGTERM drains calls and the outbox,
// start-up is quick, bad settings are refused in one line, and secrets stay out of the log.

#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>
#include <iostream>
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

// grpc.health.v1.HealthCheckResponse.ServingStatus, plus a value for "no answer at all".
enum class Health : int {
  kUnreachable = -1,
  kUnknown = 0,
  kServing = 1,
  kNotServing = 2,
  kServiceUnknown = 3,
};

const char* health_name(Health health) {
  switch (health) {
    case Health::kUnreachable:
      return "unreachable";
    case Health::kUnknown:
      return "UNKNOWN";
    case Health::kServing:
      return "SERVING";
    case Health::kNotServing:
      return "NOT_SERVING";
    case Health::kServiceUnknown:
      return "SERVICE_UNKNOWN";
  }
  return "?";
}

bool read_varint(const std::string& bytes, std::size_t& at, std::uint64_t& value) {
  value = 0;
  for (int shift = 0; at < bytes.size() && shift < 64; shift += 7) {
    const auto byte = static_cast<unsigned char>(bytes[at++]);
    value |= static_cast<std::uint64_t>(byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) return true;
  }
  return false;
}

// grpc.health.v1.Health/Check for `service` ("": the server as a whole). Debian's libgrpc++
// ships no generated client for it, and the messages are tiny: the request carries the service
// name as field 1 (a string), and the response one varint field, status = 1.
Health check_health(const std::shared_ptr<grpc::Channel>& channel,
                    std::chrono::milliseconds timeout = 1000ms, const std::string& service = "") {
  grpc::GenericStub stub(channel);
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + timeout);
  std::string encoded;
  if (!service.empty()) {
    encoded = std::string(1, '\x0a') + static_cast<char>(service.size()) + service;  // < 128
  }
  grpc::Slice body(encoded);
  const grpc::ByteBuffer request(&body, 1);
  grpc::ByteBuffer response;
  std::promise<grpc::Status> done;
  stub.UnaryCall(&context, "/grpc.health.v1.Health/Check", grpc::StubOptions(), &request, &response,
                 [&done](grpc::Status status) { done.set_value(std::move(status)); });
  if (!done.get_future().get().ok()) return Health::kUnreachable;
  std::vector<grpc::Slice> slices;
  if (!response.Dump(&slices).ok()) return Health::kUnreachable;
  std::string bytes;
  for (const auto& slice : slices) {
    bytes.append(reinterpret_cast<const char*>(slice.begin()), slice.size());
  }
  std::uint64_t status = 0;  // absent on the wire: UNKNOWN
  for (std::size_t at = 0; at < bytes.size();) {
    std::uint64_t tag = 0;
    std::uint64_t value = 0;
    // Field 1, wire type varint is the only field HealthCheckResponse has.
    if (!read_varint(bytes, at, tag) || tag != 0x08 || !read_varint(bytes, at, value)) {
      ADD_FAILURE() << "unexpected HealthCheckResponse encoding";
      return Health::kUnreachable;
    }
    status = value;
  }
  return static_cast<Health>(static_cast<int>(status));
}

// Polls until the health service answers `wanted`; the last answer when the time runs out.
Health wait_for_health(const std::shared_ptr<grpc::Channel>& channel, Health wanted,
                       std::chrono::milliseconds timeout, const std::string& service = "") {
  const auto until = Clock::now() + timeout;
  Health last = check_health(channel, 1000ms, service);
  while (last != wanted && Clock::now() < until) {
    std::this_thread::sleep_for(50ms);
    last = check_health(channel, 1000ms, service);
  }
  return last;
}

// The worst answer `service` gives over `period`: whether it stays SERVING throughout.
Health worst_health_during(const std::shared_ptr<grpc::Channel>& channel,
                           const std::string& service, std::chrono::milliseconds period) {
  Health worst = Health::kServing;
  for (const auto until = Clock::now() + period; Clock::now() < until;) {
    const Health health = check_health(channel, 1000ms, service);
    if (health != Health::kServing) worst = health;
    std::this_thread::sleep_for(50ms);
  }
  return worst;
}

// A loopback port nobody listens on right now (the kernel's pick, released again).
int free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof(address);
  if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&address), length) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    if (fd >= 0) ::close(fd);
    throw std::runtime_error("no free port");
  }
  ::close(fd);
  return ntohs(address.sin_port);
}

// A throwaway CA and a server certificate for 127.0.0.1 signed by it, made with openssl.
struct TestCertificates {
  std::filesystem::path dir;
  std::string ca() const { return (dir / "ca.crt").string(); }
  std::string cert() const { return (dir / "server.crt").string(); }
  std::string key() const { return (dir / "server.key").string(); }
};

TestCertificates make_certificates() {
  TestCertificates certs{std::filesystem::temp_directory_path() / unique_name("vnn-tls")};
  std::filesystem::create_directories(certs.dir);
  const std::string d = certs.dir.string();
  const std::string ec = " -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes";
  const std::string script =
      "set -e; cd '" + d + "'; exec >openssl.log 2>&1;" + " openssl req -x509" + ec +
      " -keyout ca.key -out ca.crt -subj /CN=vnn-test-ca -days 1;" + " openssl req" + ec +
      " -keyout server.key -out server.csr -subj /CN=127.0.0.1;" +
      " printf 'subjectAltName=IP:127.0.0.1\\n' > san.ext;" +
      " openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial"
      " -out server.crt -days 1 -extfile san.ext";
  const std::string command = "bash -c \"" + script + "\"";
  if (std::system(command.c_str()) != 0) {
    throw std::runtime_error("openssl failed; see " + d + "/openssl.log");
  }
  return certs;
}

std::string district_office() { return test_tokens().bearer(Role::kDistrictOffice, {"75"}); }

template <typename... Args>
std::int64_t admin_count(const std::string& sql, Args&&... args) {
  pqxx::connection c(TestStack::get().admin_dsn);
  pqxx::work tx(c);
  auto rows = tx.exec_params(sql, std::forward<Args>(args)...);
  tx.commit();
  return rows[0][0].template as<std::int64_t>();
}

grpc::Status record_entry(v1::ProbeService::Stub& stub, const std::string& unit_code,
                          std::chrono::milliseconds timeout = 20000ms) {
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + timeout);
  context.AddMetadata("authorization", district_office());
  v1::RecordEntryRequest request;
  request.set_request_id(unique_name("req"));
  request.set_unit_code(unit_code);
  request.mutable_amount()->set_dong(100000);
  request.set_note("health and shutdown");
  v1::Entry entry;
  return stub.RecordEntry(&context, request, &entry);
}

grpc::Status get_entry(v1::ProbeService::Stub& stub, std::chrono::milliseconds timeout) {
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + timeout);
  context.AddMetadata("authorization", district_office());
  v1::GetEntryRequest request;
  request.set_id(1);
  v1::Entry entry;
  return stub.GetEntry(&context, request, &entry);
}

// The non-empty lines of a process's stderr.
std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (line.find_first_not_of(" \t\r") != std::string::npos) lines.push_back(line);
  }
  return lines;
}

// The secret of the shared test key: the file named by "…,file=<path>,…".
std::string test_key_secret() {
  const std::string& spec = test_tokens().key_spec();
  const std::size_t start = spec.find("file=") + 5;
  const std::string path = spec.substr(start, spec.find(',', start) - start);
  std::ifstream in(path);
  std::string secret;
  in >> secret;
  return secret;
}

class HealthShutdownTest : public ::testing::Test {
 protected:
  void TearDown() override {
    // Whatever the test did or failed at, the stack is left running for the tests after it.
    if (!stack_ports_mismatch().empty()) return;  // then no test here has stopped anything
    for (const char* command : {"pg-start", "nats-start"}) {
      try {
        TestStack::get().run(command);
      } catch (const std::exception& e) {
        ADD_FAILURE() << e.what();
      }
    }
  }

  // The serving environment of a probe on a fresh (or given) schema.
  static std::map<std::string, std::string> serve_env(const std::string& schema) {
    return {{"VNN_PROBE_SCHEMA", schema},
            {"VNN_DB_MIGRATION_DSN", TestStack::get().admin_dsn},
            {"VNN_DB_DSN", TestStack::get().dsn_for("vnn_" + schema)},
            {"VNN_NATS_URL", TestStack::get().nats_url},
            {"VNN_NATS_USER", TestStack::get().nats_user("vnn_tools")},
            {"VNN_NATS_PASSWORD_FILE", TestStack::get().nats_password_file("vnn_tools")},
            {"VNN_JWT_KEYS", test_tokens().key_spec()},
            {"VNN_GRPC_LISTEN", "127.0.0.1:0"}};
  }

  static std::unique_ptr<ServiceProcess> start_probe(
      const std::string& schema, const std::map<std::string, std::string>& extra = {},
      int* port = nullptr) {
    auto env = serve_env(schema);
    for (const auto& [name, value] : extra) env[name] = value;
    auto process = std::make_unique<ServiceProcess>(probe_binary(), std::vector<std::string>{},
                                                    std::move(env));
    const int bound = process->wait_for_port(60s);
    if (port != nullptr) *port = bound;
    return process;
  }

  // stack.sh finds its servers by VNN_PG_PORT and VNN_NATS_PORT (with defaults), the tests by
  // VNN_DB_PORT and VNN_NATS_URL. When they disagree, pg-start and nats-start would bring the
  // servers back on other ports, possibly on another stack's, so the fault tests do not run.
  static std::string stack_ports_mismatch() {
    const auto& stack = TestStack::get();
    const char* pg_port = std::getenv("VNN_PG_PORT");
    const char* nats_port = std::getenv("VNN_NATS_PORT");
    const std::string pg = pg_port != nullptr && *pg_port != '\0' ? pg_port : "15432";
    const std::string nats = nats_port != nullptr && *nats_port != '\0' ? nats_port : "14222";
    if (pg != stack.port) return "VNN_PG_PORT " + pg + " but VNN_DB_PORT " + stack.port;
    if (!stack.nats_url.ends_with(":" + nats)) {
      return "VNN_NATS_PORT " + nats + " but VNN_NATS_URL " + stack.nats_url;
    }
    return {};
  }

  // A server dependency goes away and comes back; the health service follows it both ways.
  static void expect_health_follows(const char* stop_command, const char* start_command) {
    const std::string mismatch = stack_ports_mismatch();
    ASSERT_TRUE(mismatch.empty()) << "stack.sh would act on other ports: " << mismatch;
    const std::string schema = unique_name("probe");
    auto probe = start_probe(schema, {{"VNN_HEALTH_INTERVAL_MS", "200"}});
    const auto channel = probe->channel();
    ASSERT_EQ(wait_for_health(channel, Health::kServing, 20s), Health::kServing) << probe->log();

    TestStack::get().run(stop_command);
    const auto stopped = Clock::now();
    Health health = wait_for_health(channel, Health::kNotServing, 10s);
    const auto flipped_after = Clock::now() - stopped;
    EXPECT_EQ(health, Health::kNotServing) << health_name(health);
    // A few check intervals of 200 ms, with room for a busy machine.
    EXPECT_LT(flipped_after, 5s);

    TestStack::get().run(start_command);
    health = wait_for_health(channel, Health::kServing, 30s);
    EXPECT_EQ(health, Health::kServing) << health_name(health) << "\n" << probe->log();
    // Back in business, not only in name: a mutation goes through PostgreSQL and the outbox.
    auto stub = v1::ProbeService::NewStub(channel);
    const grpc::Status status = record_entry(*stub, "26206");
    EXPECT_TRUE(status.ok()) << status.error_message() << "\n" << probe->log();
  }
};

TEST_F(HealthShutdownTest, HealthFollowsPostgres) { expect_health_follows("pg-stop", "pg-start"); }

TEST_F(HealthShutdownTest, HealthFollowsNats) { expect_health_follows("nats-stop", "nats-start"); }

// What Kubernetes' probes ask: liveness stays SERVING whatever PostgreSQL and NATS do (a restart
// cures neither); readiness follows PostgreSQL only, because the outbox rides out NATS outages.
TEST_F(HealthShutdownTest, LivenessIgnoresDependenciesAndReadinessFollowsPostgresOnly) {
  const std::string mismatch = stack_ports_mismatch();
  ASSERT_TRUE(mismatch.empty()) << "stack.sh would act on other ports: " << mismatch;
  auto probe = start_probe(unique_name("probe"), {{"VNN_HEALTH_INTERVAL_MS", "200"}});
  const auto channel = probe->channel();
  ASSERT_EQ(wait_for_health(channel, Health::kServing, 20s), Health::kServing) << probe->log();
  EXPECT_EQ(check_health(channel, 1000ms, "readiness"), Health::kServing);
  EXPECT_EQ(check_health(channel, 1000ms, "liveness"), Health::kServing);

  TestStack::get().run("nats-stop");
  EXPECT_EQ(wait_for_health(channel, Health::kNotServing, 10s), Health::kNotServing);
  EXPECT_EQ(worst_health_during(channel, "readiness", 1500ms), Health::kServing) << probe->log();
  EXPECT_EQ(worst_health_during(channel, "liveness", 500ms), Health::kServing);
  TestStack::get().run("nats-start");
  EXPECT_EQ(wait_for_health(channel, Health::kServing, 30s), Health::kServing) << probe->log();

  TestStack::get().run("pg-stop");
  EXPECT_EQ(wait_for_health(channel, Health::kNotServing, 10s, "readiness"), Health::kNotServing);
  EXPECT_EQ(worst_health_during(channel, "liveness", 1500ms), Health::kServing) << probe->log();
  TestStack::get().run("pg-start");
  EXPECT_EQ(wait_for_health(channel, Health::kServing, 30s, "readiness"), Health::kServing)
      << probe->log();
}

// A nats-server of its own that requires a user and password, on a free loopback port; stopped
// (and its store deleted) when the test ends.
class AuthenticatingNats {
 public:
  AuthenticatingNats(const std::string& user, const std::string& password)
      : dir_(std::filesystem::temp_directory_path() / unique_name("vnn-nats-auth")),
        port_(free_port()) {
    std::filesystem::create_directories(dir_);
    const std::string d = dir_.string();
    const std::string command = "nats-server -a 127.0.0.1 -p " + std::to_string(port_) +
                                " -js -sd '" + d + "/store' --user " + user + " --pass " +
                                password + " >'" + d + "/log' 2>&1 & echo $! >'" + d + "/pid'";
    // One shell, so `$!` is the server's pid (inside a nested `bash -c "…"` the outer shell
    // expanded it to nothing, the pid file stayed empty and the server outlived the test).
    if (std::system(command.c_str()) != 0) {
      throw std::runtime_error("cannot start nats-server");
    }
  }
  ~AuthenticatingNats() {
    std::ifstream pid_in(dir_ / "pid");
    pid_t pid = 0;
    if (pid_in >> pid && pid > 0) ::kill(pid, SIGTERM);
    std::this_thread::sleep_for(300ms);
    std::filesystem::remove_all(dir_);
  }
  std::string url() const { return "nats://127.0.0.1:" + std::to_string(port_); }
  std::string write_file(const std::string& name, const std::string& content) const {
    const auto path = dir_ / name;
    std::ofstream(path) << content;
    return path.string();
  }

 private:
  std::filesystem::path dir_;
  int port_;
};

// VNN_NATS_USER with VNN_NATS_PASSWORD_FILE: the right password reaches NATS (the stream is
// created: the whole server turns SERVING); a wrong one does not, while readiness stays SERVING
// because PostgreSQL is fine.
TEST_F(HealthShutdownTest, NatsUserAndPasswordFileAuthenticate) {
  AuthenticatingNats nats("vnn_probe", "s3cret-nats");
  // A trailing line end, as Secrets and editors leave it, is not part of the password.
  const std::string good = nats.write_file("good", "s3cret-nats\n");
  const std::string bad = nats.write_file("bad", "wrong\n");
  std::this_thread::sleep_for(500ms);  // nats-server binds its port

  auto probe = start_probe(unique_name("probe"), {{"VNN_NATS_URL", nats.url()},
                                                  {"VNN_NATS_USER", "vnn_probe"},
                                                  {"VNN_NATS_PASSWORD_FILE", good},
                                                  {"VNN_HEALTH_INTERVAL_MS", "200"}});
  EXPECT_EQ(wait_for_health(probe->channel(), Health::kServing, 20s), Health::kServing)
      << probe->log();

  auto refused = start_probe(unique_name("probe"), {{"VNN_NATS_URL", nats.url()},
                                                    {"VNN_NATS_USER", "vnn_probe"},
                                                    {"VNN_NATS_PASSWORD_FILE", bad},
                                                    {"VNN_HEALTH_INTERVAL_MS", "200"}});
  EXPECT_EQ(wait_for_health(refused->channel(), Health::kServing, 20s, "readiness"),
            Health::kServing)
      << refused->log();
  EXPECT_EQ(worst_health_during(refused->channel(), "", 1500ms), Health::kNotServing);
}

// Under mutual TLS a probe without a client certificate cannot reach the main port; the
// plaintext health-only port answers it, and serves nothing but health.
TEST_F(HealthShutdownTest, PlaintextHealthPortAnswersWhileMutualTlsIsRequired) {
  const TestCertificates certs = make_certificates();
  const int health_port = free_port();
  int main_port = 0;
  auto probe = start_probe(unique_name("probe"),
                           {{"VNN_TLS_CERT", certs.cert()},
                            {"VNN_TLS_KEY", certs.key()},
                            {"VNN_TLS_CLIENT_CA", certs.ca()},
                            {"VNN_HEALTH_LISTEN", "127.0.0.1:" + std::to_string(health_port)}},
                           &main_port);
  const auto health_channel = grpc::CreateChannel("127.0.0.1:" + std::to_string(health_port),
                                                  grpc::InsecureChannelCredentials());
  EXPECT_EQ(wait_for_health(health_channel, Health::kServing, 20s), Health::kServing)
      << probe->log();
  EXPECT_EQ(check_health(health_channel, 1000ms, "liveness"), Health::kServing);
  EXPECT_EQ(check_health(health_channel, 1000ms, "readiness"), Health::kServing);

  // The main port refuses a plaintext client, and a TLS client without a certificate.
  EXPECT_EQ(check_health(probe->channel()), Health::kUnreachable);
  grpc::SslCredentialsOptions server_only;
  std::ifstream ca_in(certs.ca());
  server_only.pem_root_certs.assign(std::istreambuf_iterator<char>(ca_in), {});
  grpc::ChannelArguments own_pool;
  own_pool.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
  const auto no_client_cert = grpc::CreateCustomChannel(
      "127.0.0.1:" + std::to_string(main_port), grpc::SslCredentials(server_only), own_pool);
  EXPECT_EQ(check_health(no_client_cert), Health::kUnreachable);

  // The service's API is not on the health port.
  auto stub = v1::ProbeService::NewStub(health_channel);
  EXPECT_EQ(get_entry(*stub, 2000ms).error_code(), grpc::StatusCode::UNIMPLEMENTED);

  // The second server does not hold up a clean stop.
  probe->signal(SIGTERM);
  EXPECT_EQ(probe->wait(20s), 0) << probe->log();
  std::filesystem::remove_all(certs.dir);
}

TEST_F(HealthShutdownTest, SigtermFinishesInFlightCallsRefusesNewOnesAndFlushesTheOutbox) {
  const std::string schema = unique_name("probe");
  constexpr auto kGrace = 8000ms;
  int port = 0;
  auto probe =
      start_probe(schema, {{"VNN_SHUTDOWN_GRACE_MS", std::to_string(kGrace.count())}}, &port);
  const auto channel = probe->channel();
  ASSERT_EQ(wait_for_health(channel, Health::kServing, 20s), Health::kServing) << probe->log();
  auto stub = v1::ProbeService::NewStub(channel);

  // Entries whose events are possibly still in the outbox when the signal arrives.
  constexpr int kEntries = 5;
  for (int i = 0; i < kEntries; ++i) {
    const grpc::Status status = record_entry(*stub, "26206");
    ASSERT_TRUE(status.ok()) << status.error_message();
  }

  Clock::time_point in_flight_done{};
  auto in_flight = std::async(std::launch::async, [&] {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + 20s);
    context.AddMetadata("authorization", district_office());
    v1::SleepRequest request;
    request.set_millis(1500);
    v1::SleepResponse response;
    grpc::Status status = stub->Sleep(&context, request, &response);
    in_flight_done = Clock::now();
    return status;
  });
  // SIGTERM 300 ms into the call, and not before PostgreSQL is actually running it.
  const auto call_started = Clock::now();
  const std::string active_sleeps =
      "SELECT count(*) FROM pg_stat_activity WHERE usename = $1 AND state = 'active' AND "
      "query ILIKE '%pg_sleep%' AND pid <> pg_backend_pid()";
  while (admin_count(active_sleeps, "vnn_" + schema) == 0 && Clock::now() < call_started + 5s) {
    std::this_thread::sleep_for(10ms);
  }
  std::this_thread::sleep_until(call_started + 300ms);
  probe->signal(SIGTERM);
  const auto signalled = Clock::now();

  // New calls are refused while the sleeping call is still being served. One that reaches the
  // server in the very moment it stops accepting is CANCELLED by gRPC; the ones after that find
  // the connection gone and are UNAVAILABLE, which clients retry elsewhere.
  grpc::Status refused;
  Clock::time_point refused_at{};
  for (const auto until = signalled + 3s; Clock::now() < until;) {
    refused = get_entry(*stub, 1000ms);
    const auto code = refused.error_code();
    if (code != grpc::StatusCode::OK && code != grpc::StatusCode::NOT_FOUND &&
        code != grpc::StatusCode::CANCELLED) {
      refused_at = Clock::now();
      break;
    }
    std::this_thread::sleep_for(20ms);
  }
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::UNAVAILABLE) << refused.error_message();

  const grpc::Status finished = in_flight.get();
  EXPECT_TRUE(finished.ok()) << finished.error_message();
  EXPECT_LT(refused_at, in_flight_done) << "new calls were still accepted while draining";
  // Nor does a new connection get in. The channel gets a subchannel pool of its own: one shared
  // with the channel above would be in its reconnect back-off and merely let the call time out.
  grpc::ChannelArguments own_pool;
  own_pool.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
  auto fresh = v1::ProbeService::NewStub(grpc::CreateCustomChannel(
      "127.0.0.1:" + std::to_string(port), grpc::InsecureChannelCredentials(), own_pool));
  EXPECT_EQ(get_entry(*fresh, 1000ms).error_code(), grpc::StatusCode::UNAVAILABLE);

  const int exit_code = probe->wait(kGrace);
  EXPECT_EQ(exit_code, 0) << probe->log();
  std::cout
      << "probe exited "
      << std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - signalled).count()
      << " ms after SIGTERM\n";

  // The relay published everything the last calls wrote before the process ended.
  EXPECT_EQ(admin_count("SELECT count(*) FROM " + schema + ".outbox"), kEntries);
  EXPECT_EQ(admin_count("SELECT count(*) FROM " + schema + ".outbox WHERE published_at IS NULL"),
            0);
}

TEST_F(HealthShutdownTest, StartsServingWithinTwoSecondsOnAMigratedDatabase) {
  const std::string schema = unique_name("probe");
  {
    ServiceProcess migrate(probe_binary(), {"migrate"}, serve_env(schema));
    ASSERT_EQ(migrate.wait(60s), 0) << migrate.log();
  }
  const auto spawned = Clock::now();
  ServiceProcess probe(probe_binary(), {}, serve_env(schema));
  probe.wait_for_port(60s);
  const auto channel = probe.channel();
  Health health = check_health(channel);
  while (health != Health::kServing && Clock::now() < spawned + 20s) {
    std::this_thread::sleep_for(5ms);
    health = check_health(channel);
  }
  const auto elapsed =
      std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - spawned);
  ASSERT_EQ(health, Health::kServing) << probe.log();
  std::cout << "probe start-up to first SERVING answer: " << elapsed.count() << " ms\n";
  EXPECT_LT(elapsed, 2000ms);
}

TEST_F(HealthShutdownTest, BadSettingExitsWithTwoAndOneLineNamingIt) {
  struct Case {
    const char* variable;
    const char* value;
    const char* flag;  // the setting's flag, or its variable, must be named
  };
  const Case cases[] = {
      {"VNN_DB_POOL_SIZE", "0", "--db-pool-size"},
      {"VNN_DB_DSN", "", "--db-dsn"},
      {"VNN_JWT_KEYS", "", "--jwt-key"},
      {"VNN_NATS_USER", "vnn_probe", "--nats-password-file"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.variable);
    auto env = serve_env(unique_name("probe"));
    env[c.variable] = c.value;
    // A user without its password file (the stack's own user comes with one).
    if (std::string(c.variable) == "VNN_NATS_USER") env.erase("VNN_NATS_PASSWORD_FILE");
    ServiceProcess probe(probe_binary(), {}, env);
    EXPECT_EQ(probe.wait(30s), 2) << probe.log();
    const auto lines = lines_of(probe.log());
    ASSERT_EQ(lines.size(), 1u) << probe.log();
    EXPECT_TRUE(lines[0].find(c.flag) != std::string::npos ||
                lines[0].find(c.variable) != std::string::npos)
        << lines[0];
  }
}

TEST_F(HealthShutdownTest, SecretsNeverReachTheLog) {
  const std::string schema = unique_name("probe");
  const auto& stack = TestStack::get();
  const std::string runtime_password = "s3cretPW";
  const std::string admin_password = "adm1nPW";
  // The test cluster trusts loopback, so the passwords are carried (and, for the runtime role,
  // set by the migration) without being needed to log in.
  auto env = serve_env(schema);
  env["VNN_DB_DSN"] = "postgresql://vnn_" + schema + ":" + runtime_password + "@" + stack.host +
                      ":" + stack.port + "/" + stack.database;
  env["VNN_DB_MIGRATION_DSN"] = "postgresql://postgres:" + admin_password + "@" + stack.host + ":" +
                                stack.port + "/" + stack.database;
  env["VNN_LOG_LEVEL"] = "debug";
  ServiceProcess probe(probe_binary(), {}, env);
  probe.wait_for_port(60s);
  auto stub = v1::ProbeService::NewStub(probe.channel());
  EXPECT_TRUE(record_entry(*stub, "26206").ok());
  EXPECT_FALSE(record_entry(*stub, "99999").ok());  // a refusal is logged and audited too
  // An idle client connection left open holds the gRPC server's shutdown for seconds.
  stub.reset();
  probe.signal(SIGTERM);
  EXPECT_EQ(probe.wait(30s), 0) << probe.log();

  // A start-up failure prints its DSN-related error without the password either.
  auto failing_env = serve_env(unique_name("probe"));
  failing_env["VNN_DB_MIGRATION_DSN"] =
      "postgresql://postgres:" + admin_password + "@127.0.0.1:1/" + stack.database;
  ServiceProcess failing(probe_binary(), {}, failing_env);
  EXPECT_EQ(failing.wait(30s), 1) << failing.log();

  const std::string key_secret = test_key_secret();
  ASSERT_GE(key_secret.size(), 32u);
  for (const std::string& log : {probe.log(), failing.log()}) {
    EXPECT_FALSE(log.empty());
    EXPECT_EQ(log.find(runtime_password), std::string::npos) << log;
    EXPECT_EQ(log.find(admin_password), std::string::npos) << log;
    EXPECT_EQ(log.find(key_secret), std::string::npos) << log;
  }
}

}  // namespace
}  // namespace vnn::testing
