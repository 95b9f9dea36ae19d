#pragma once
// The reporting service's own settings (besides the platform's).

#include <chrono>
#include <string>

#include "vnn/platform/rpc/outgoing_client.h"

namespace CLI {
class App;
}

namespace vnn::reporting {

struct ReportingSettings {
  // Reconciliation asks the owning services for their own totals.
  platform::rpc::OutgoingSettings donation;    // --donation-target …: GetCampaignTotals
  platform::rpc::OutgoingSettings allocation;  // --allocation-target …: GetAllocationTotals
  // VNN_PROGRESS_BUCKET: the key-value bucket dashboards read snapshots from; empty: none.
  std::string progress_bucket = "vnn_progress";
  // VNN_SNAPSHOT_INTERVAL_MS: at most one snapshot per campaign and unit this often.
  std::chrono::milliseconds snapshot_interval{1000};
};

void add_reporting_options(CLI::App& app, ReportingSettings& settings);
// Throws std::invalid_argument with one line when a setting is unusable.
void validate_reporting_settings(const ReportingSettings& settings);

}  // namespace vnn::reporting
