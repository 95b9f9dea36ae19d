#include "reporting_settings.h"

#include <CLI/CLI.hpp>

namespace vnn::reporting {

void add_reporting_options(CLI::App& app, ReportingSettings& settings) {
  // Each token names only the one method reconciliation needs.
  settings.donation.methods = {"GetCampaignTotals"};
  settings.allocation.methods = {"GetAllocationTotals"};
  platform::rpc::add_outgoing_options(app, settings.donation, "donation",
                                      "donation service, asked for its totals to reconcile");
  platform::rpc::add_outgoing_options(app, settings.allocation, "allocation",
                                      "allocation service, asked for its totals to reconcile");
  app.add_option("--progress-bucket", settings.progress_bucket,
                 "NATS key-value bucket of progress snapshots for dashboards (empty: none)")
      ->envname("VNN_PROGRESS_BUCKET")
      ->capture_default_str();
  static std::int64_t interval_ms = settings.snapshot_interval.count();
  app.add_option("--snapshot-interval-ms", interval_ms,
                 "at most one snapshot per campaign and unit this often")
      ->envname("VNN_SNAPSHOT_INTERVAL_MS")
      ->check(CLI::Range(100, 60000))
      ->capture_default_str()
      ->each([&settings](const std::string& value) {
        settings.snapshot_interval = std::chrono::milliseconds(std::stoll(value));
      });
}

void validate_reporting_settings(const ReportingSettings& settings) {
  platform::rpc::validate_outgoing_settings(settings.donation, "donation");
  platform::rpc::validate_outgoing_settings(settings.allocation, "allocation");
}

}  // namespace vnn::reporting
