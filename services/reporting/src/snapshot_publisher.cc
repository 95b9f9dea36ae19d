#include "snapshot_publisher.h"

#include <google/protobuf/util/json_util.h>

#include <chrono>

#include "progress.h"
#include "vnn/platform/db/transaction.h"
#include "vnn/platform/log.h"

namespace vnn::reporting {
namespace {

namespace log = platform::log;

// A key may hold letters, digits and - / _ = only, besides the dots between its tokens.
bool valid_token(const std::string& token) {
  if (token.empty()) return false;
  for (const char c : token) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '/' || c == '_' || c == '=';
    if (!ok) return false;
  }
  return true;
}

std::string figures_of(const v1::CampaignProgress& progress) {
  v1::CampaignProgress figures = progress;
  figures.clear_freshness();
  std::string out;
  figures.SerializeToString(&out);
  return out;
}

}  // namespace

SnapshotPublisher::SnapshotPublisher(const platform::NatsSettings& nats,
                                     platform::rpc::ServiceContext& context,
                                     const ReportingSettings& settings, ProgressHub& hub)
    : context_(context), settings_(settings), hub_(hub), nats_settings_(nats) {}

SnapshotPublisher::~SnapshotPublisher() {
  stop();
  if (kv_ != nullptr) kvStore_Destroy(kv_);
  if (js_ != nullptr) jsCtx_Destroy(js_);
}

void SnapshotPublisher::start() {
  if (settings_.progress_bucket.empty()) {
    log::info("no VNN_PROGRESS_BUCKET: progress snapshots are not published");
    return;
  }
  nats_ = std::make_unique<platform::events::NatsClient>(nats_settings_, "vnn-reporting-snapshots");
  thread_ = std::thread([this] { run(); });
}

void SnapshotPublisher::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

std::string SnapshotPublisher::to_json(const v1::CampaignProgress& progress) {
  google::protobuf::util::JsonPrintOptions options;
  options.always_print_primitive_fields = true;
  std::string json;
  const auto status = google::protobuf::util::MessageToJsonString(progress, &json, options);
  if (!status.ok()) throw std::runtime_error("snapshot JSON: " + status.ToString());
  return json;
}

std::string SnapshotPublisher::key_of(const std::string& campaign_id,
                                      const std::string& unit_code) {
  if (!valid_token(campaign_id) || !valid_token(unit_code)) return {};
  return campaign_id + "." + unit_code;
}

void SnapshotPublisher::run() {
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      wake_.wait_for(lock, settings_.snapshot_interval, [this] { return stopping_; });
      if (stopping_) return;
    }
    // While NATS is away the changes stay pending: each put would wait for its timeout.
    if (!nats_->connected() || !ensure_bucket()) continue;
    std::set<std::string> campaigns = hub_.take_changed();
    campaigns.merge(retry_);
    retry_.clear();
    if (!published_all_) {
      // Once after start: every campaign, so the bucket holds them all even when it was lost.
      try {
        platform::db::TxOptions options;
        options.default_statement_timeout = std::chrono::milliseconds(5000);
        platform::db::with_transaction(context_.pool(), options, [&](pqxx::transaction_base& tx) {
          for (const auto& row : tx.exec_prepared("campaign_ids")) {
            campaigns.insert(row[0].as<std::string>());
          }
        });
        published_all_ = true;
      } catch (const std::exception& e) {
        log::warn("progress snapshots: cannot list the campaigns", {{"error", e.what()}});
      }
    }
    for (const auto& campaign : campaigns) {
      {
        std::lock_guard lock(mutex_);
        if (stopping_) return;
      }
      bool ok = false;
      try {
        ok = publish_campaign(campaign);
      } catch (const std::exception& e) {
        log::warn("progress snapshot not published",
                  {{"campaign_id", campaign}, {"error", e.what()}});
      }
      if (!ok) retry_.insert(campaign);
    }
  }
}

bool SnapshotPublisher::ensure_bucket() {
  if (kv_ != nullptr) return true;
  if (!nats_->connected()) return false;
  if (js_ == nullptr) js_ = nats_->new_context();
  if (js_ == nullptr) return false;
  const std::string& bucket = settings_.progress_bucket;
  natsStatus status = js_KeyValue(&kv_, js_, bucket.c_str());
  if (status == NATS_NOT_FOUND) {
    kvConfig config;
    kvConfig_Init(&config);
    config.Bucket = bucket.c_str();
    config.Description = "VNN campaign progress snapshots (docs/events.md)";
    config.History = 1;
    config.StorageType = nats_settings_.storage == "memory" ? js_MemoryStorage : js_FileStorage;
    config.Replicas = nats_settings_.stream_replicas;
    status = js_CreateKeyValue(&kv_, js_, &config);
    if (status == NATS_OK) {
      log::info("progress bucket created", {{"bucket", bucket}});
      // A new bucket (perhaps after the old one was lost) gets every snapshot again.
      sent_.clear();
      published_all_ = false;
    }
  }
  if (status != NATS_OK) {
    kv_ = nullptr;
    log::warn("progress bucket unavailable; snapshots wait",
              {{"bucket", bucket},
               {"status", natsStatus_GetText(status)},
               {"detail", nats_GetLastError(nullptr)}});
    return false;
  }
  return true;
}

bool SnapshotPublisher::publish_campaign(const std::string& campaign_id) {
  // Every snapshot of the campaign as of one moment: the organising unit first, then the
  // units below it, level by level, down to the communes.
  std::vector<v1::CampaignProgress> snapshots;
  platform::db::TxOptions options;
  options.isolation = platform::db::Isolation::kRepeatableRead;
  platform::db::with_transaction(context_.pool(), options, [&](pqxx::transaction_base& tx) {
    snapshots.clear();
    const auto campaign = load_campaign(tx, campaign_id);
    if (!campaign) return;
    std::vector<std::string> units{campaign->unit_code};
    std::set<std::string> done;
    for (std::size_t i = 0; i < units.size(); ++i) {
      if (!done.insert(units[i]).second) continue;
      v1::CampaignProgress progress;
      load_progress(tx, context_.units(), campaign_id, *campaign, units[i],
                    v1::UNIT_VIEW_AS_OF_THEN, &progress);
      for (const auto& below : progress.units()) {
        if (below.unit_code() != units[i]) units.push_back(below.unit_code());
      }
      snapshots.push_back(std::move(progress));
    }
  });
  for (const auto& snapshot : snapshots) {
    const std::string key = key_of(campaign_id, snapshot.unit_code());
    if (key.empty()) {
      log::warn("progress snapshot: no valid key",
                {{"campaign_id", campaign_id}, {"unit_code", snapshot.unit_code()}});
      continue;
    }
    std::string figures = figures_of(snapshot);
    const auto it = sent_.find(key);
    if (it != sent_.end() && it->second == figures) continue;
    if (!put(key, to_json(snapshot))) return false;  // the rest at the next tick
    sent_[key] = std::move(figures);
  }
  return true;
}

bool SnapshotPublisher::put(const std::string& key, const std::string& json) {
  const natsStatus status =
      kvStore_Put(nullptr, kv_, key.c_str(), json.data(), static_cast<int>(json.size()));
  if (status == NATS_OK) return true;
  log::warn("progress snapshot not published; tried again at the next tick",
            {{"key", key},
             {"status", natsStatus_GetText(status)},
             {"detail", nats_GetLastError(nullptr)}});
  // Look the bucket up again next time: it may have been deleted.
  kvStore_Destroy(kv_);
  kv_ = nullptr;
  return false;
}

std::function<std::function<void()>(const platform::PlatformSettings&,
                                    platform::rpc::ServiceContext&)>
live_background(const ReportingSettings& settings, ProgressHub& hub) {
  return [&settings, &hub](const platform::PlatformSettings& platform_settings,
                           platform::rpc::ServiceContext& context) -> std::function<void()> {
    auto publisher =
        std::make_shared<SnapshotPublisher>(platform_settings.nats, context, settings, hub);
    publisher->start();
    return [publisher, &hub] {
      hub.stop();  // watch streams end now
      publisher->stop();
      platform::log::info("progress watchers and snapshots stopped");
    };
  };
}

}  // namespace vnn::reporting
