// Live progress: WatchCampaignProgress sends the current figures and then an update after a
// donation; the key-value bucket keeps the latest snapshot JSON per campaign and unit for a
// dashboard that connects later; a burst of donations gives far fewer snapshots than donations;
// SIGTERM with a watcher open stops the service at once.

#include <google/protobuf/util/json_util.h>
#include <nats/nats.h>
#include <signal.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "reporting_fixture.h"
#include "vnn/platform/events/nats_client.h"
#include "vnn/testing/calls.h"
#include "vnn/testing/test_stack.h"

namespace vnn::testing {
namespace {

namespace rv1 = reporting::v1;
using Clock = std::chrono::steady_clock;

constexpr const char* kBucket = "vnn_progress";

std::int64_t cash_of(const rv1::CampaignProgress& p) { return p.total().received().cash().dong(); }

// A watch of the test's campaign for `unit`, read on a thread of its own: every snapshot it
// receives, in order.
class Watcher {
 public:
  Watcher(rv1::ReportingService::Stub& stub, const std::string& bearer, const std::string& campaign,
          const std::string& unit)
      : context_(client_context(bearer)) {
    context_->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(60));
    rv1::WatchCampaignProgressRequest request;
    request.set_campaign_id(campaign);
    request.set_unit_code(unit);
    reader_ = stub.WatchCampaignProgress(context_.get(), request);
    thread_ = std::thread([this] {
      rv1::CampaignProgress p;
      while (reader_->Read(&p)) {
        std::lock_guard lock(mutex_);
        received_.push_back(p);
      }
      status_ = reader_->Finish();
      done_ = true;
    });
  }
  ~Watcher() {
    context_->TryCancel();
    thread_.join();
  }

  // Waits until a received snapshot satisfies `done`; its index, or -1 on timeout.
  int wait_for(const std::function<bool(const rv1::CampaignProgress&)>& done,
               std::chrono::milliseconds timeout = std::chrono::seconds(20)) {
    const auto until = Clock::now() + timeout;
    while (Clock::now() < until) {
      {
        std::lock_guard lock(mutex_);
        for (std::size_t i = 0; i < received_.size(); ++i) {
          if (done(received_[i])) return static_cast<int>(i);
        }
      }
      if (done_) return -1;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return -1;
  }
  std::vector<rv1::CampaignProgress> received() {
    std::lock_guard lock(mutex_);
    return received_;
  }
  // Waits for the stream to end; false on timeout.
  bool wait_done(std::chrono::milliseconds timeout) {
    const auto until = Clock::now() + timeout;
    while (!done_ && Clock::now() < until)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    return done_;
  }
  const grpc::Status& status() const { return status_; }

 private:
  std::unique_ptr<grpc::ClientContext> context_;
  std::unique_ptr<grpc::ClientReader<rv1::CampaignProgress>> reader_;
  std::mutex mutex_;
  std::vector<rv1::CampaignProgress> received_;
  grpc::Status status_;
  std::atomic<bool> done_{false};
  std::thread thread_;
};

// A dashboard's own NATS connection (as vnn_tools), reading the bucket.
class BucketReader {
 public:
  BucketReader() : client_(TestStack::get().nats_settings(), "live-test-dashboard") {
    const auto until = Clock::now() + std::chrono::seconds(10);
    while (!client_.connected() && Clock::now() < until) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    js_ = client_.new_context();
  }
  ~BucketReader() {
    if (kv_ != nullptr) kvStore_Destroy(kv_);
    if (js_ != nullptr) jsCtx_Destroy(js_);
  }
  kvStore* bucket() {
    if (kv_ == nullptr && js_KeyValue(&kv_, js_, kBucket) != NATS_OK) kv_ = nullptr;
    return kv_;
  }
  // The snapshot under `key`, parsed; nullopt when there is none (yet).
  std::optional<rv1::CampaignProgress> get(const std::string& key, std::string* json = nullptr) {
    if (bucket() == nullptr) return std::nullopt;
    kvEntry* entry = nullptr;
    if (kvStore_Get(&entry, kv_, key.c_str()) != NATS_OK) return std::nullopt;
    const std::string text(static_cast<const char*>(kvEntry_Value(entry)),
                           static_cast<std::size_t>(kvEntry_ValueLen(entry)));
    kvEntry_Destroy(entry);
    if (json != nullptr) *json = text;
    rv1::CampaignProgress p;
    const auto status = google::protobuf::util::JsonStringToMessage(text, &p);
    EXPECT_TRUE(status.ok()) << status.ToString() << ": " << text;
    return p;
  }
  std::optional<rv1::CampaignProgress> wait_for(
      const std::string& key, const std::function<bool(const rv1::CampaignProgress&)>& done,
      std::chrono::milliseconds timeout = std::chrono::seconds(20)) {
    const auto until = Clock::now() + timeout;
    std::optional<rv1::CampaignProgress> last;
    while (Clock::now() < until) {
      last = get(key);
      if (last && done(*last)) return last;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ADD_FAILURE() << key << ": no snapshot as expected; last "
                  << (last ? last->ShortDebugString() : "none");
    return std::nullopt;
  }

 private:
  platform::events::NatsClient client_;
  jsCtx* js_ = nullptr;
  kvStore* kv_ = nullptr;
};

class LiveTest : public ReportingFixture {
 protected:
  void SetUp() override {
    ReportingFixture::SetUp();
    if (HasFatalFailure()) return;
    // A watch of a campaign the read models do not know yet is NOT_FOUND.
    wait_for_progress(
        {}, kDistrict, [](const Progress&) { return true; }, "the campaign");
  }
  std::string key(const std::string& unit) const { return campaign_ + "." + unit; }
};

TEST_F(LiveTest, WatcherGetsTheCurrentProgressThenAnUpdateAfterADonation) {
  constexpr std::int64_t kFirst = 3'000'000, kSecond = 700'000;
  ASSERT_GT(donate(commune_fund(), kFirst).id(), 0);
  wait_for_progress({}, kPhuTuc, [&](const Progress& p) { return cash_of(p) == kFirst; });

  Watcher watcher(*reporting_, commune_bearer(), campaign_, kPhuTuc);
  ASSERT_EQ(watcher.wait_for([&](const Progress& p) { return cash_of(p) == kFirst; }), 0)
      << "the first message is the current progress";

  const auto donated = Clock::now();
  ASSERT_GT(donate(commune_fund(), kSecond).id(), 0);
  const int update =
      watcher.wait_for([&](const Progress& p) { return cash_of(p) == kFirst + kSecond; });
  ASSERT_GT(update, 0) << "no update with the second donation";
  const auto snapshot = watcher.received()[static_cast<std::size_t>(update)];
  EXPECT_EQ(snapshot.campaign_id(), campaign_);
  EXPECT_EQ(snapshot.unit_code(), kPhuTuc);
  EXPECT_EQ(snapshot.total().received().count(), 2);
  EXPECT_LT(Clock::now() - donated, std::chrono::seconds(5));

  // A district watcher sees the commune's figures in its total.
  Watcher district(*reporting_, district_bearer(), campaign_, kDistrict);
  EXPECT_EQ(district.wait_for([&](const Progress& p) { return cash_of(p) == kFirst + kSecond; }),
            0);
}

TEST_F(LiveTest, WatchOfAUnitOutsideTheCallersScopeIsRefused) {
  Watcher watcher(*reporting_, commune_bearer(kPhuCuong), campaign_, kPhuTuc);
  ASSERT_TRUE(watcher.wait_done(std::chrono::seconds(10)));
  EXPECT_EQ(watcher.status().error_code(), grpc::StatusCode::PERMISSION_DENIED)
      << watcher.status().error_message();
  EXPECT_TRUE(watcher.received().empty());
}

TEST_F(LiveTest, BucketKeepsTheLatestSnapshotForADashboardThatConnectsLater) {
  constexpr std::int64_t kDonated = 4'200'000;
  ASSERT_GT(donate(commune_fund(), kDonated).id(), 0);
  {
    BucketReader reader;
    const auto commune =
        reader.wait_for(key(kPhuTuc), [&](const Progress& p) { return cash_of(p) == kDonated; });
    ASSERT_TRUE(commune.has_value());
    EXPECT_EQ(commune->campaign_id(), campaign_);
    EXPECT_EQ(commune->unit_code(), kPhuTuc);
    EXPECT_EQ(commune->total().received().count(), 1);
    const auto district =
        reader.wait_for(key(kDistrict), [&](const Progress& p) { return cash_of(p) == kDonated; });
    ASSERT_TRUE(district.has_value());
    EXPECT_EQ(district->unit_code(), kDistrict);
  }
  // Well after the last change, a new dashboard reads the latest snapshot at once.
  std::this_thread::sleep_for(std::chrono::milliseconds(600));
  BucketReader late;
  std::string json;
  const auto started = Clock::now();
  const auto latest = late.get(key(kPhuTuc), &json);
  EXPECT_LT(Clock::now() - started, std::chrono::seconds(2));
  ASSERT_TRUE(latest.has_value()) << "no snapshot for a late dashboard";
  EXPECT_EQ(cash_of(*latest), kDonated);
  // The protobuf JSON mapping: lowerCamelCase names, int64 as strings.
  EXPECT_NE(json.find("\"campaignId\":\"" + campaign_ + "\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"dong\":\"4200000\""), std::string::npos) << json;
}

TEST_F(LiveTest, ABurstOfDonationsGivesFarFewerSnapshotsThanDonations) {
  constexpr int kDonations = 40;
  constexpr std::int64_t kEach = 100'000;
  Watcher watcher(*reporting_, commune_bearer(), campaign_, kPhuTuc);
  ASSERT_EQ(watcher.wait_for([](const Progress&) { return true; }), 0);

  // Every revision the bucket gets for the commune's key while the burst goes in.
  BucketReader reader;
  ASSERT_NE(reader.bucket(), nullptr);
  kvWatcher* kv_watcher = nullptr;
  ASSERT_EQ(kvStore_Watch(&kv_watcher, reader.bucket(), key(kPhuTuc).c_str(), nullptr), NATS_OK);
  std::atomic<int> revisions{0};
  std::atomic<bool> stop{false};
  std::thread counting([&] {
    while (!stop) {
      kvEntry* entry = nullptr;
      if (kvWatcher_Next(&entry, kv_watcher, 100) == NATS_OK && entry != nullptr) {
        ++revisions;
        kvEntry_Destroy(entry);
      }
    }
  });

  const auto started = Clock::now();
  std::vector<std::thread> donors;
  for (int t = 0; t < 4; ++t) {
    donors.emplace_back([&] {
      for (int i = 0; i < kDonations / 4; ++i) donate(commune_fund(), kEach);
    });
  }
  for (auto& donor : donors) donor.join();
  const auto burst = Clock::now() - started;
  ASSERT_GE(watcher.wait_for([&](const Progress& p) { return cash_of(p) == kDonations * kEach; }),
            1);
  std::this_thread::sleep_for(std::chrono::milliseconds(600));  // the bucket's last tick
  stop = true;
  counting.join();
  kvWatcher_Destroy(kv_watcher);

  const auto updates = static_cast<int>(watcher.received().size()) - 1;
  const auto interval = std::chrono::milliseconds(200);  // VNN_SNAPSHOT_INTERVAL_MS of the fixture
  const int allowed = static_cast<int>(burst / interval) + 4;
  SCOPED_TRACE(
      "burst of " + std::to_string(kDonations) + " donations in " +
      std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(burst).count()) + " ms");
  EXPECT_GE(updates, 1);
  EXPECT_LE(updates, allowed);
  EXPECT_LT(updates, kDonations / 2);
  EXPECT_GE(revisions.load(), 1);
  EXPECT_LE(revisions.load(), allowed + 1);  // the key's value before the burst, when any
  EXPECT_LT(revisions.load(), kDonations / 2);
}

// A grace far longer than the stop may take: a watcher that held the server until the grace's
// end would show.
class LiveShutdownTest : public LiveTest {
 protected:
  LiveShutdownTest() { reporting_env_["VNN_SHUTDOWN_GRACE_MS"] = "30000"; }
};

TEST_F(LiveShutdownTest, SigtermWithAWatcherOpenStopsWithoutWaitingForTheGrace) {
  Watcher watcher(*reporting_, district_bearer(), campaign_, kDistrict);
  ASSERT_EQ(watcher.wait_for([](const Progress&) { return true; }), 0);
  const auto started = Clock::now();
  reporting_process_->signal(SIGTERM);
  // The stream ends at once, with a status that tells the client to watch again (elsewhere).
  ASSERT_TRUE(watcher.wait_done(std::chrono::seconds(2)));
  EXPECT_EQ(watcher.status().error_code(), grpc::StatusCode::UNAVAILABLE)
      << watcher.status().error_message();
  // The rest of the stop (consumers, the relay's last flush) takes a few seconds of its own,
  // with or without watchers; far from the 30 s grace.
  EXPECT_EQ(reporting_process_->wait(std::chrono::seconds(12)), 0) << reporting_process_->log();
  EXPECT_LT(Clock::now() - started, std::chrono::seconds(12));
}

}  // namespace
}  // namespace vnn::testing
