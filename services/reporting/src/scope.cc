#include "scope.h"

#include "vnn/platform/errors.h"

namespace vnn::reporting {

CampaignInfo require_campaign(pqxx::transaction_base& tx, const std::string& campaign_id) {
  if (campaign_id.empty()) {
    throw platform::invalid_argument("campaign_id", "is required", "bắt buộc");
  }
  auto campaign = load_campaign(tx, campaign_id);
  if (!campaign) {
    throw platform::not_found("campaign " + campaign_id + " not found")
        .with_vietnamese("Không tìm thấy đợt vận động " + campaign_id);
  }
  return *campaign;
}

std::string visible_unit(const platform::rpc::CallContext& call, const CampaignInfo& campaign,
                         const std::string& unit_code) {
  const std::string unit = unit_code.empty() ? campaign.unit_code : unit_code;
  // A code unknown on the campaign's last day may be one of today's units (restated view).
  const auto& units = call.service().units();
  const auto day =
      units.find(unit, campaign.ends_on) != nullptr ? campaign.ends_on : units.reference_date(unit);
  call.require_unit("unit_code", unit, day);
  return unit;
}

}  // namespace vnn::reporting
