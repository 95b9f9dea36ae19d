#pragma once
// Publishes progress snapshots for dashboards: every VNN_SNAPSHOT_INTERVAL_MS, for each campaign
// whose figures changed, the protobuf JSON of CampaignProgress (load_progress, as of then) of
// the organising unit and of every unit below it that has figures, into the NATS key-value
// bucket VNN_PROGRESS_BUCKET under the key "<campaign>.<unit>". The bucket keeps the last value
// of each key, so a dashboard that connects later reads the latest snapshot at once
// (docs/events.md). A NATS outage never stops the service: the snapshot is logged as not sent
// and tried again at the next tick.

#include <nats/nats.h>

#include <atomic>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "progress_hub.h"
#include "reporting_settings.h"
#include "vnn/platform/config.h"
#include "vnn/platform/events/nats_client.h"
#include "vnn/platform/rpc/service_context.h"
#include "vnn/reporting/v1/reporting.pb.h"

namespace vnn::reporting {

class SnapshotPublisher {
 public:
  SnapshotPublisher(const platform::NatsSettings& nats, platform::rpc::ServiceContext& context,
                    const ReportingSettings& settings, ProgressHub& hub);
  ~SnapshotPublisher();  // stops
  SnapshotPublisher(const SnapshotPublisher&) = delete;
  SnapshotPublisher& operator=(const SnapshotPublisher&) = delete;

  void start();
  void stop();

  // The protobuf JSON mapping of a snapshot as the bucket holds it (field names in lowerCamelCase,
  // int64 as strings, enums by name, zeros included).
  static std::string to_json(const v1::CampaignProgress& progress);
  // "<campaign>.<unit>"; empty when either holds a character a key may not have.
  static std::string key_of(const std::string& campaign_id, const std::string& unit_code);

 private:
  void run();
  bool ensure_bucket();
  // Publishes the campaign's snapshots; false when NATS failed (tried again next tick).
  bool publish_campaign(const std::string& campaign_id);
  bool put(const std::string& key, const std::string& json);

  platform::rpc::ServiceContext& context_;
  const ReportingSettings& settings_;
  ProgressHub& hub_;
  platform::NatsSettings nats_settings_;
  std::unique_ptr<platform::events::NatsClient> nats_;
  jsCtx* js_ = nullptr;
  kvStore* kv_ = nullptr;
  // What each key holds, without freshness: a unit whose figures did not change is not sent again.
  std::map<std::string, std::string> sent_;
  std::set<std::string> retry_;  // campaigns not published at the last tick
  bool published_all_ = false;   // every campaign once after start

  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

// For ServiceDefinition::background: starts the publisher (when the bucket is set) and returns
// what stops it and the watch streams (ProgressHub::stop) on SIGTERM.
std::function<std::function<void()>(const platform::PlatformSettings&,
                                    platform::rpc::ServiceContext&)>
live_background(const ReportingSettings& settings, ProgressHub& hub);

}  // namespace vnn::reporting
