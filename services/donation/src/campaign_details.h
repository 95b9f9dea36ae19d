#pragma once
// Checking and writing what a campaign consists of — its period, funds, milestones and
// targets — shared by creating a campaign and changing it.

#include <pqxx/pqxx>

#include "rules/campaign_period.h"
#include "vnn/donation/v1/donation.pb.h"
#include "vnn/platform/date.h"
#include "vnn/platform/rpc/call_context.h"

namespace vnn::donation {

// Ids the district office chooses ("fund-736", "dot-cao-diem-2024"): 1–64 letters, digits,
// '-', '_' or '.', so they stay short and URL-safe. INVALID_ARGUMENT on `field` otherwise.
void require_reference_id(const std::string& id, const std::string& field);
// Names of funds, campaigns, banks: required text of at most 300 characters.
void require_reference_text(const std::string& value, const std::string& field);

using rules::CampaignPeriod;

// Id, name, period and organising unit (in the caller's scope); INVALID_ARGUMENT naming the
// "campaign.…" field, PERMISSION_DENIED outside the caller's units.
CampaignPeriod check_campaign_header(const platform::rpc::CallContext& call, const v1::Campaign& c);

// Links the funds not yet linked. Each must exist and be of a unit the caller acts for (read on
// the date the fund was created with); one it may not act for is answered as unknown (AIP-211),
// so funds of other units cannot be probed.
void write_campaign_funds(const platform::rpc::CallContext& call, pqxx::transaction_base& tx,
                          const v1::Campaign& c);
// Replaces the milestones and targets with those of `c` (each checked against the period and
// the caller's units).
void write_campaign_plan(const platform::rpc::CallContext& call, pqxx::transaction_base& tx,
                         const v1::Campaign& c, const CampaignPeriod& period);

}  // namespace vnn::donation
