// vnn-platform-bench: figures for the shared platform, printed as medians of several rounds
// (the machine is shared and noisy):
//   - outbox relay throughput (events/s from committed rows to JetStream acks and stamps),
//   - a service's start-up time to SERVING, idle resident memory, and, under 64 concurrent
//     callers of a mutating RPC (auth, idempotency, audit, outbox in one transaction),
//     throughput, p50/p99 latency and peak resident memory.
// Needs the stack of tests/bench/run.sh (the variables of deploy/local/stack.sh env).

#include <signal.h>
#include <sys/resource.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <fstream>
#include <iostream>
#include <thread>

#include "bench_figures.h"
#include "cpu_meter.h"
#include "vnn/common/v1/event.pb.h"
#include "vnn/platform/events/outbox.h"
#include "vnn/platform/events/outbox_relay.h"
#include "vnn/platform/log.h"
#include "vnn/testing/probe_database.h"
#include "vnn/testing/service_process.h"
#include "vnn/testing/test_stack.h"
#include "vnn/testing/test_tokens.h"
#include "vnn/testing/v1/probe.grpc.pb.h"

namespace vnn::testing {
namespace {

using namespace std::chrono_literals;

double seconds_since(SteadyClock::time_point start) {
  return std::chrono::duration<double>(SteadyClock::now() - start).count();
}

// Committed outbox rows → JetStream: fills the outbox with `events` rows in one statement, then
// times the relay until every row is stamped published.
double relay_round(int events) {
  ProbeDatabase db;
  const std::string producer = unique_name("bench");
  vnn::common::v1::EventEnvelope sample;
  sample.set_event_id(platform::events::new_uuid());
  sample.set_type("entry.recorded");
  sample.set_producer(producer);
  sample.set_aggregate_type("entry");
  sample.set_aggregate_id("123456");
  sample.set_aggregate_version(1);
  sample.set_correlation_id(platform::events::new_uuid());
  sample.mutable_payload()->set_type_url("type.googleapis.com/vnn.testing.v1.EntryRecorded");
  sample.mutable_payload()->set_value(std::string(40, 'x'));
  const std::string bytes = sample.SerializeAsString();
  {
    pqxx::connection c(db.runtime_dsn());
    pqxx::work tx(c);
    tx.exec_params(
        "INSERT INTO outbox (event_id, subject, aggregate_type, aggregate_id, aggregate_version, "
        "envelope) SELECT md5(g::text || $1)::uuid, $2, 'entry', (g % 1000)::text, g / 1000 + 1, "
        "$3 FROM generate_series(1, $4) g",
        producer, "vnn." + producer + ".entry.recorded",
        pqxx::binarystring(bytes.data(), bytes.size()), events);
    tx.commit();
  }
  platform::NatsSettings settings = TestStack::get().nats_settings();
  // Buffered writes, as the relay's connection in a service (service_main.cc).
  platform::events::NatsClient nats(settings, "bench", platform::events::NatsWrites::kBuffered);
  while (!nats.connected()) std::this_thread::sleep_for(10ms);
  nats.ensure_stream();
  platform::events::RelayOptions options;
  options.dsn = db.runtime_dsn();
  options.schema = db.schema();
  platform::events::OutboxRelay relay(options, nats, nullptr);
  auto start = SteadyClock::now();
  relay.start();
  while (relay.published_total() < events) std::this_thread::sleep_for(2ms);
  double elapsed = seconds_since(start);
  relay.stop();
  // Leave the stream as we found it.
  jsCtx* js = nats.new_context();
  jsOptions purge;
  jsOptions_Init(&purge);
  const std::string subject = "vnn." + producer + ".>";
  purge.Stream.Purge.Subject = subject.c_str();
  jsErrCode error{};
  js_PurgeStream(js, settings.stream.c_str(), &purge, &error);
  jsCtx_Destroy(js);
  return events / elapsed;
}

struct LoadFigures {
  double calls_per_second = 0;
  double p50_ms = 0;
  double p99_ms = 0;
  long errors = 0;
};

LoadFigures load_round(const std::shared_ptr<grpc::Channel>& channel, int callers,
                       std::chrono::seconds duration, const std::string& token) {
  std::atomic<bool> stop{false};
  std::atomic<long> errors{0};
  std::vector<std::vector<double>> latencies(callers);
  std::vector<std::thread> threads;
  const std::string run = platform::events::new_uuid();
  for (int t = 0; t < callers; ++t) {
    threads.emplace_back([&, t] {
      auto stub = v1::ProbeService::NewStub(channel);
      for (long i = 0; !stop; ++i) {
        v1::RecordEntryRequest request;
        request.set_request_id(run + "-" + std::to_string(t) + "-" + std::to_string(i));
        request.set_unit_code("26206");
        request.mutable_amount()->set_dong(50'000);
        request.set_note("bench");
        v1::Entry response;
        grpc::ClientContext context;
        context.AddMetadata("authorization", token);
        context.set_deadline(std::chrono::system_clock::now() + 5s);
        auto start = SteadyClock::now();
        auto status = stub->RecordEntry(&context, request, &response);
        latencies[t].push_back(seconds_since(start) * 1000);
        if (!status.ok() && errors++ == 0) {
          std::cerr << "first error: " << status.error_code() << " " << status.error_message()
                    << "\n";
        }
      }
    });
  }
  auto start = SteadyClock::now();
  std::this_thread::sleep_for(duration);
  stop = true;
  for (auto& thread : threads) thread.join();
  double elapsed = seconds_since(start);
  std::vector<double> all;
  for (auto& l : latencies) all.insert(all.end(), l.begin(), l.end());
  std::sort(all.begin(), all.end());
  LoadFigures figures;
  figures.calls_per_second = all.size() / elapsed;
  figures.p50_ms = all[all.size() / 2];
  figures.p99_ms = all[all.size() * 99 / 100];
  figures.errors = errors;
  return figures;
}

int run(int rounds, int relay_events, int callers, int seconds) {
  platform::log::init("bench", "warn");
  std::vector<double> relay_rates;
  for (int r = 0; r < rounds; ++r) {
    relay_rates.push_back(relay_round(relay_events));
    std::cout << "  relay round " << r + 1 << ": " << static_cast<long>(relay_rates.back())
              << " events/s\n";
  }
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  std::cout << "outbox relay: " << static_cast<long>(median(relay_rates)) << " events/s (median of "
            << rounds << " x " << relay_events << "), bench process peak RSS "
            << usage.ru_maxrss / 1024 << " MiB\n";

  const std::string schema = unique_name("probe");
  const auto& stack = TestStack::get();
  std::vector<double> startups;
  for (int r = 0; r < rounds; ++r) {
    // The first start migrates; the figure is for a migrated database, so restart it.
    ServiceProcess warmup(probe_binary(), {},
                          {{"VNN_PROBE_SCHEMA", schema},
                           {"VNN_DB_MIGRATION_DSN", stack.admin_dsn},
                           {"VNN_DB_DSN", stack.dsn_for("vnn_" + schema)},
                           {"VNN_NATS_URL", stack.nats_url},
                           {"VNN_NATS_USER", stack.nats_user("vnn_tools")},
                           {"VNN_NATS_PASSWORD_FILE", stack.nats_password_file("vnn_tools")},
                           {"VNN_JWT_KEYS", test_tokens().key_spec()},
                           {"VNN_LOG_LEVEL", "warn"}});
    warmup.wait_for_port();
    warmup.signal(SIGTERM);
    warmup.wait();
    auto start = SteadyClock::now();
    ServiceProcess timed(probe_binary(), {},
                         {{"VNN_PROBE_SCHEMA", schema},
                          {"VNN_DB_MIGRATION_DSN", stack.admin_dsn},
                          {"VNN_DB_DSN", stack.dsn_for("vnn_" + schema)},
                          {"VNN_NATS_URL", stack.nats_url},
                          {"VNN_NATS_USER", stack.nats_user("vnn_tools")},
                          {"VNN_NATS_PASSWORD_FILE", stack.nats_password_file("vnn_tools")},
                          {"VNN_JWT_KEYS", test_tokens().key_spec()},
                          {"VNN_LOG_LEVEL", "warn"}});
    timed.wait_for_port();
    startups.push_back(seconds_since(start) * 1000);
    timed.signal(SIGTERM);
    timed.wait();
  }
  std::cout << "service start-up to SERVING (migrated database): " << median(startups)
            << " ms (median of " << rounds << ")\n";

  ServiceProcess service(probe_binary(), {},
                         {{"VNN_PROBE_SCHEMA", schema},
                          {"VNN_DB_DSN", stack.dsn_for("vnn_" + schema)},
                          {"VNN_NATS_URL", stack.nats_url},
                          {"VNN_NATS_USER", stack.nats_user("vnn_tools")},
                          {"VNN_NATS_PASSWORD_FILE", stack.nats_password_file("vnn_tools")},
                          {"VNN_JWT_KEYS", test_tokens().key_spec()},
                          {"VNN_DB_POOL_SIZE", "16"},
                          {"VNN_LOG_LEVEL", "warn"}});
  service.wait_for_port();
  std::this_thread::sleep_for(2s);
  std::cout << "service idle RSS: " << status_kib(service.pid(), "VmRSS") / 1024 << " MiB\n";
  const std::string token = test_tokens().bearer(platform::auth::Role::kDistrictOffice, {"75"});
  auto channel = service.channel();
  std::vector<double> rates, p50s, p99s;
  long errors = 0;
  for (int r = 0; r < rounds; ++r) {
    auto figures = load_round(channel, callers, std::chrono::seconds(seconds), token);
    rates.push_back(figures.calls_per_second);
    p50s.push_back(figures.p50_ms);
    p99s.push_back(figures.p99_ms);
    errors += figures.errors;
    std::cout << "  load round " << r + 1 << ": " << static_cast<long>(figures.calls_per_second)
              << " calls/s, p50 " << figures.p50_ms << " ms, p99 " << figures.p99_ms << " ms\n";
  }
  std::cout << "mutating RPC at " << callers << " callers: " << static_cast<long>(median(rates))
            << " calls/s, p50 " << median(p50s) << " ms, p99 " << median(p99s) << " ms (medians of "
            << rounds << " x " << seconds << " s), errors " << errors << ", service peak RSS "
            << status_kib(service.pid(), "VmHWM") / 1024 << " MiB\n";
  service.signal(SIGTERM);
  service.wait();
  return errors == 0 ? 0 : 1;
}

}  // namespace
}  // namespace vnn::testing

int main(int argc, char** argv) {
  CLI::App app("Platform benchmarks (outbox relay, service start-up, memory, RPC load)");
  int rounds = 3, relay_events = 100'000, callers = 64, seconds = 5;
  app.add_option("--rounds", rounds, "rounds per figure (medians are reported)")
      ->capture_default_str();
  app.add_option("--relay-events", relay_events, "events per relay round")->capture_default_str();
  app.add_option("--callers", callers, "concurrent RPC callers")->capture_default_str();
  app.add_option("--seconds", seconds, "seconds per load round")->capture_default_str();
  CLI11_PARSE(app, argc, argv);
  return vnn::testing::run(rounds, relay_events, callers, seconds);
}
