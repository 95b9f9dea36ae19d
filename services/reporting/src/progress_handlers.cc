// Campaign progress for a unit, as of then or restated.

#include "policies.h"
#include "progress.h"
#include "reporting_service.h"
#include "scope.h"
#include "vnn/platform/errors.h"
#include "vnn/platform/rpc/read_handler.h"

namespace vnn::reporting {

grpc::Status ReportingServiceImpl::GetCampaignProgress(
    grpc::ServerContext* context, const v1::GetCampaignProgressRequest* request,
    v1::CampaignProgress* response) {
  return platform::rpc::read(context_, context, policies::kGetCampaignProgress, response,
                             [&](platform::rpc::CallContext& call, pqxx::transaction_base& tx) {
                               const auto campaign = require_campaign(tx, request->campaign_id());
                               const auto unit = visible_unit(call, campaign, request->unit_code());
                               load_progress(tx, context_.units(), request->campaign_id(), campaign,
                                             unit, request->view(), response);
                             });
}

}  // namespace vnn::reporting
