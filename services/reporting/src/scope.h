#pragma once
// What a caller may see of a campaign: the unit it asks about must be one it acts for (a
// commune officer its commune, a district officer its district and the communes below), read
// on the campaign's last day — the units of the campaign.

#include <pqxx/pqxx>
#include <string>

#include "progress.h"
#include "vnn/platform/rpc/call_context.h"

namespace vnn::reporting {

// The campaign; NOT_FOUND (field campaign_id) when unknown, INVALID_ARGUMENT when empty.
CampaignInfo require_campaign(pqxx::transaction_base& tx, const std::string& campaign_id);
// `unit_code`, or the campaign's organising unit when empty; PERMISSION_DENIED (NOT_IN_SCOPE)
// when the caller does not act for it.
std::string visible_unit(const platform::rpc::CallContext& call, const CampaignInfo& campaign,
                         const std::string& unit_code);

}  // namespace vnn::reporting
