// How fast a donation shows in live progress: donations at a steady rate (--rate, 1,000/s) into
// the real vnn-donation process for --seconds, with the real vnn-reporting process following its
// events and one WatchCampaignProgress stream open on the campaign's organising unit. For each
// donation: from its commit (the RecordDonation response) to the first Watch update whose figures
// include it. Also: the reporting consumer's lag (pending in its durable consumer, sampled each
// second), the time to drain after the last donation, and vnn-reporting's peak RSS.
//
// Which donations an update includes: its total count N covers the first N donations in the
// order the consumer applied them, which is the outbox's order; the bench takes the order of the
// responses for it (the two differ only among donations committed within the same
// milliseconds).
//
//   bash tests/bench/run.sh reporting [--rate 1000] [--seconds 20] [--interval-ms 100]

#include <grpcpp/grpcpp.h>
#include <nats/nats.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <iostream>
#include <mutex>
#include <thread>
#include <vector>

#include "bench_figures.h"
#include "cpu_meter.h"
#include "donation_seed.h"
#include "vnn/platform/events/nats_client.h"
#include "vnn/platform/events/outbox.h"
#include "vnn/platform/log.h"
#include "vnn/reporting/v1/reporting.grpc.pb.h"
#include "vnn/testing/service_process.h"
#include "vnn/testing/test_stack.h"
#include "vnn/testing/test_tokens.h"

namespace vnn::testing {
namespace {

namespace dv1 = donation::v1;
namespace rv1 = reporting::v1;
using namespace std::chrono_literals;

struct Options {
  double rate = 1000;
  int seconds = 20;
  int interval_ms = 100;  // VNN_SNAPSHOT_INTERVAL_MS of vnn-reporting
  int funds = 8;
};

// Donations at a steady rate, started on schedule whatever the earlier ones do (open loop).
class Donor {
 public:
  Donor(dv1::DonationService::Stub& stub, DonationSeed seed, std::string bearer)
      : stub_(stub),
        seed_(std::move(seed)),
        bearer_(std::move(bearer)),
        run_id_(platform::events::new_uuid()) {}

  // Sends for `length`; returns once every call has finished.
  void run(double rate, std::chrono::seconds length) {
    const auto start = SteadyClock::now();
    const long total = static_cast<long>(rate * static_cast<double>(length.count()));
    for (long n = 0; n < total; ++n) {
      const auto due = start + std::chrono::duration_cast<SteadyClock::duration>(
                                   std::chrono::duration<double>(static_cast<double>(n) / rate));
      std::this_thread::sleep_until(due);
      send(n);
    }
    std::unique_lock lock(mutex_);
    drained_.wait(lock, [&] { return in_flight_ == 0; });
  }
  // Response times of the successful donations, in order.
  std::vector<SteadyClock::time_point> committed() {
    std::lock_guard lock(mutex_);
    std::sort(committed_.begin(), committed_.end());
    return committed_;
  }
  long errors() const { return errors_; }
  std::string first_error() {
    std::lock_guard lock(mutex_);
    return first_error_;
  }

 private:
  struct Call {
    grpc::ClientContext context;
    dv1::RecordDonationRequest request;
    dv1::Donation response;
  };

  void send(long n) {
    auto* call = new Call;
    auto& r = call->request;
    r.set_request_id(run_id_ + "-" + std::to_string(n));
    r.set_campaign_id(seed_.campaign_id);
    r.set_fund_id(seed_.fund_ids[static_cast<std::size_t>(n) % seed_.fund_ids.size()]);
    r.mutable_donor()->set_kind(dv1::DONOR_KIND_INDIVIDUAL);
    r.mutable_donor()->set_name("Trần Thị Bình");
    r.set_channel(dv1::CHANNEL_CASH);
    r.mutable_amount()->set_dong(100'000);
    set_date(r.mutable_received_on(), 2024, 3, 1);
    call->context.AddMetadata("authorization", bearer_);
    call->context.set_deadline(std::chrono::system_clock::now() + 30s);
    {
      std::lock_guard lock(mutex_);
      ++in_flight_;
    }
    stub_.async()->RecordDonation(&call->context, &call->request, &call->response,
                                  [this, call](grpc::Status status) {
                                    const auto now = SteadyClock::now();
                                    std::lock_guard lock(mutex_);
                                    if (status.ok()) {
                                      committed_.push_back(now);
                                    } else if (errors_++ == 0) {
                                      first_error_ = status.error_message();
                                    }
                                    delete call;
                                    if (--in_flight_ == 0) drained_.notify_all();
                                  });
  }

  dv1::DonationService::Stub& stub_;
  DonationSeed seed_;
  std::string bearer_;
  std::string run_id_;
  std::mutex mutex_;
  std::condition_variable drained_;
  long in_flight_ = 0;
  std::vector<SteadyClock::time_point> committed_;
  long errors_ = 0;
  std::string first_error_;
};

struct Update {
  SteadyClock::time_point at;
  std::int64_t count = 0;
  double since_applied_ms = 0;  // from the read model's commit of its last event (freshness)
};

// The reporting consumer's backlog: messages not yet delivered plus delivered and not acked.
long consumer_backlog(jsCtx* js) {
  jsConsumerInfo* info = nullptr;
  if (js_GetConsumerInfo(&info, js, "VNN", "reporting_donation_events", nullptr, nullptr) !=
      NATS_OK) {
    return -1;
  }
  const long backlog = static_cast<long>(info->NumPending) + info->NumAckPending;
  jsConsumerInfo_Destroy(info);
  return backlog;
}

int run(const Options& options) {
  platform::log::init("bench", "warn");
  const auto& stack = TestStack::get();
  const auto& tokens = test_tokens();
  std::cout << "vnn-reporting-latency: " << options.rate << " donations/s for " << options.seconds
            << " s into " << options.funds << " funds, one watcher, snapshot interval "
            << options.interval_ms << " ms, " << sysconf(_SC_NPROCESSORS_ONLN) << " cores\n";

  ServiceProcess donation(VNN_DONATION_BINARY, {}, donation_service_env(8));
  const int donation_port = donation.wait_for_port(60s);
  auto env = stack.service_env("vnn_reporting");
  env.insert({{"VNN_JWT_KEYS", tokens.key_spec()},
              {"VNN_JWT_SIGNING_KEY", tokens.reporting_key_spec()},
              {"VNN_LOG_LEVEL", "warn"},
              {"VNN_DONATION_TARGET", "127.0.0.1:" + std::to_string(donation_port)},
              {"VNN_ALLOCATION_TARGET", "127.0.0.1:1"},  // reconciliation only: not used here
              {"VNN_SNAPSHOT_INTERVAL_MS", std::to_string(options.interval_ms)}});
  ServiceProcess reporting(VNN_REPORTING_BINARY, {}, std::move(env));
  reporting.wait_for_port(60s);

  auto donation_stub = dv1::DonationService::NewStub(donation.channel());
  auto reporting_stub = rv1::ReportingService::NewStub(reporting.channel());
  const std::string bearer = district_officer_bearer();
  const DonationSeed seed = seed_funds_and_campaign(*donation_stub, bearer, options.funds);

  // The watcher, once reporting knows the campaign.
  grpc::ClientContext watch_context;
  watch_context.AddMetadata("authorization", bearer);
  rv1::WatchCampaignProgressRequest watch;
  watch.set_campaign_id(seed.campaign_id);
  std::unique_ptr<grpc::ClientReader<rv1::CampaignProgress>> reader;
  rv1::CampaignProgress first;
  for (const auto until = SteadyClock::now() + 30s;;) {
    reader.reset();
    auto context = bench_context(bearer, 5s);
    rv1::CampaignProgress p;
    rv1::GetCampaignProgressRequest get;
    get.set_campaign_id(seed.campaign_id);
    if (reporting_stub->GetCampaignProgress(context.get(), get, &p).ok()) break;
    if (SteadyClock::now() > until) {
      std::cerr << "reporting never learnt the campaign\n";
      return 1;
    }
    std::this_thread::sleep_for(100ms);
  }
  reader = reporting_stub->WatchCampaignProgress(&watch_context, watch);
  if (!reader->Read(&first)) {
    std::cerr << "watch failed: " << reader->Finish().error_message() << "\n";
    return 1;
  }
  std::mutex updates_mutex;
  std::vector<Update> updates;
  std::thread watching([&] {
    rv1::CampaignProgress p;
    while (reader->Read(&p)) {
      const auto applied = std::chrono::system_clock::time_point(
          std::chrono::duration_cast<std::chrono::system_clock::duration>(
              std::chrono::seconds(p.freshness().applied_at().seconds()) +
              std::chrono::nanoseconds(p.freshness().applied_at().nanos())));
      const Update u{
          SteadyClock::now(), p.total().received().count(),
          std::chrono::duration<double, std::milli>(std::chrono::system_clock::now() - applied)
              .count()};
      std::lock_guard lock(updates_mutex);
      updates.push_back(u);
    }
  });

  platform::events::NatsClient nats(stack.nats_settings(), "bench-reporting-latency");
  while (!nats.connected()) std::this_thread::sleep_for(20ms);
  jsCtx* js = nats.new_context();
  std::atomic<bool> sampling{true};
  std::vector<double> backlog_samples;
  std::thread sampler([&] {
    while (sampling) {
      const long b = consumer_backlog(js);
      if (b >= 0) backlog_samples.push_back(static_cast<double>(b));
      std::this_thread::sleep_for(1s);
    }
  });

  Donor donor(*donation_stub, seed, bearer);
  const auto started = SteadyClock::now();
  donor.run(options.rate, std::chrono::seconds(options.seconds));
  const auto sent = SteadyClock::now();
  const auto committed = donor.committed();
  const auto total = static_cast<std::int64_t>(committed.size());
  // Until the watcher has seen them all (or 60 s).
  std::optional<SteadyClock::time_point> caught_up;
  while (SteadyClock::now() < sent + 60s) {
    {
      std::lock_guard lock(updates_mutex);
      if (!updates.empty() && updates.back().count >= total) {
        caught_up = updates.back().at;
        break;
      }
    }
    std::this_thread::sleep_for(10ms);
  }
  sampling = false;
  sampler.join();
  const long peak_rss_kib = status_kib(reporting.pid(), "VmHWM");
  watch_context.TryCancel();
  watching.join();
  jsCtx_Destroy(js);

  // Donation k (by commit order) shows in the first update whose count exceeds k.
  std::vector<double> latencies;
  std::size_t u = 0;
  for (std::int64_t k = 0; k < total; ++k) {
    while (u < updates.size() && updates[u].count <= k) ++u;
    if (u == updates.size()) break;
    latencies.push_back(
        std::max(0.0, seconds_between(committed[static_cast<std::size_t>(k)], updates[u].at)) *
        1000);
  }
  std::sort(latencies.begin(), latencies.end());
  const auto at = [&](double q) {
    return latencies.empty()
               ? 0.0
               : latencies[std::min(
                     latencies.size() - 1,
                     static_cast<std::size_t>(q * static_cast<double>(latencies.size())))];
  };
  const double achieved = static_cast<double>(total) / seconds_between(started, sent);
  std::cout << "donations committed: " << total << " (" << fixed(achieved, 0) << "/s), errors "
            << donor.errors() << (donor.errors() > 0 ? " (first: " + donor.first_error() + ")" : "")
            << "\n";
  std::cout << "watch updates: " << updates.size() << "; donations measured " << latencies.size()
            << "\n";
  std::cout << "commit -> watch update: p50 " << fixed(at(0.50), 1) << " ms, p99 "
            << fixed(at(0.99), 1) << " ms, max "
            << fixed(latencies.empty() ? 0 : latencies.back(), 1) << " ms  "
            << verdict(at(0.99) < 250) << " (target p99 < 250 ms)\n";
  std::vector<double> watch_path;
  for (const auto& update : updates) watch_path.push_back(update.since_applied_ms);
  std::sort(watch_path.begin(), watch_path.end());
  if (!watch_path.empty()) {
    std::cout
        << "rough: freshness.applied_at -> watch update (the read model's transaction start, not "
           "its commit): p50 "
        << fixed(watch_path[watch_path.size() / 2], 1) << " ms, p99 "
        << fixed(watch_path[std::min(watch_path.size() - 1, watch_path.size() * 99 / 100)], 1)
        << " ms\n";
  }
  if (updates.size() > 1) {
    const double applied = static_cast<double>(updates.back().count - updates.front().count) /
                           seconds_between(updates.front().at, updates.back().at);
    std::cout << "events applied by the reporting consumer: " << fixed(applied, 0) << "/s\n";
  }
  std::cout << "consumer backlog (reporting_donation_events, sampled each second): median "
            << fixed(median(backlog_samples), 0) << ", max "
            << fixed(backlog_samples.empty()
                         ? 0
                         : *std::max_element(backlog_samples.begin(), backlog_samples.end()),
                     0)
            << " events\n";
  std::cout << "caught up after the last donation: "
            << (caught_up ? fixed(seconds_between(sent, *caught_up) * 1000, 0) + " ms"
                          : std::string("not within 60 s"))
            << "\n";
  std::cout << "vnn-reporting peak RSS: " << peak_rss_kib / 1024 << " MiB\n";
  return 0;
}

}  // namespace
}  // namespace vnn::testing

int main(int argc, char** argv) {
  vnn::testing::Options options;
  CLI::App app{"Live progress latency: donation commit to WatchCampaignProgress update"};
  app.add_option("--rate", options.rate, "donations per second");
  app.add_option("--seconds", options.seconds, "length of the run");
  app.add_option("--interval-ms", options.interval_ms, "VNN_SNAPSHOT_INTERVAL_MS of vnn-reporting");
  app.add_option("--funds", options.funds, "funds the donations go to");
  CLI11_PARSE(app, argc, argv);
  try {
    return vnn::testing::run(options);
  } catch (const std::exception& e) {
    std::cerr << "vnn-reporting-latency: " << e.what() << "\n";
    return 1;
  }
}
