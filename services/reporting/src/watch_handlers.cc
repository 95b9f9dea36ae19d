// WatchCampaignProgress: the current progress at once, then a new snapshot whenever the
// figures change — at most one per VNN_SNAPSHOT_INTERVAL_MS — until the client cancels or the
// server stops. Every snapshot is load_progress in a short read transaction of its own, so a
// watcher holds no connection while it waits; it waits on the ProgressHub, which the consumers
// signal after each commit.

#include <google/protobuf/util/message_differencer.h>

#include <algorithm>
#include <chrono>
#include <thread>

#include "policies.h"
#include "progress.h"
#include "reporting_service.h"
#include "scope.h"
#include "vnn/platform/db/transaction.h"
#include "vnn/platform/errors.h"
#include "vnn/platform/rpc/handler.h"

namespace vnn::reporting {
namespace {

using Clock = std::chrono::steady_clock;

// How often a waiting watcher looks whether its client is gone.
constexpr std::chrono::milliseconds kCancelCheck{250};

platform::Error stopping_error() {
  return platform::Error(platform::ErrorCode::kUnavailable,
                         "the server is stopping; watch again to continue")
      .with_vietnamese("Máy chủ đang dừng; hãy theo dõi lại để tiếp tục.");
}

// The figures, without their freshness: freshness moves with every event of every campaign,
// and a watcher is sent a snapshot only when its own figures change.
bool same_figures(const v1::CampaignProgress& a, const v1::CampaignProgress& b) {
  v1::CampaignProgress left = a, right = b;
  left.clear_freshness();
  right.clear_freshness();
  return google::protobuf::util::MessageDifferencer::Equals(left, right);
}

}  // namespace

grpc::Status ReportingServiceImpl::WatchCampaignProgress(
    grpc::ServerContext* context, const v1::WatchCampaignProgressRequest* request,
    grpc::ServerWriter<v1::CampaignProgress>* writer) {
  return platform::rpc::query(
      context_, context, policies::kWatchCampaignProgress, [&](platform::rpc::CallContext& call) {
        const std::string& campaign_id = request->campaign_id();
        CampaignInfo campaign;
        std::string unit;
        // The generation is read before the figures: a change committed while they are read
        // is seen again, never missed.
        std::uint64_t seen = hub_.generation(campaign_id);
        v1::CampaignProgress last;
        platform::db::with_transaction(context_.pool(), call.tx_options(),
                                       [&](pqxx::transaction_base& tx) {
                                         campaign = require_campaign(tx, campaign_id);
                                         unit = visible_unit(call, campaign, request->unit_code());
                                         last.Clear();
                                         load_progress(tx, context_.units(), campaign_id, campaign,
                                                       unit, request->view(), &last);
                                       });
        if (!writer->Write(last)) return;  // the client is gone
        auto last_sent = Clock::now();

        const auto interval = std::max(settings_.snapshot_interval, std::chrono::milliseconds(1));
        for (;;) {
          if (context->IsCancelled()) return;
          if (hub_.stopping()) throw stopping_error();
          if (hub_.wait(campaign_id, seen, kCancelCheck) == seen) continue;
          // Changed: not sooner than one interval after the last snapshot sent.
          for (auto due = last_sent + interval; Clock::now() < due;) {
            if (context->IsCancelled()) return;
            if (hub_.stopping()) throw stopping_error();
            std::this_thread::sleep_for(
                std::min<Clock::duration>(due - Clock::now(), kCancelCheck));
          }
          seen = hub_.generation(campaign_id);
          v1::CampaignProgress next;
          platform::db::with_transaction(context_.pool(), call.tx_options(),
                                         [&](pqxx::transaction_base& tx) {
                                           next.Clear();
                                           campaign = require_campaign(tx, campaign_id);
                                           load_progress(tx, context_.units(), campaign_id,
                                                         campaign, unit, request->view(), &next);
                                         });
          if (same_figures(next, last)) continue;  // another unit's change, or none that shows
          if (!writer->Write(next)) return;
          last.Swap(&next);
          last_sent = Clock::now();
        }
      });
}

}  // namespace vnn::reporting
