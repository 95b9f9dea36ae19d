#include "campaign_details.h"

#include <algorithm>

#include "proto_names.h"
#include "vnn/platform/errors.h"
#include "vnn/platform/proto_convert.h"
#include "vnn/platform/text/text.h"

namespace vnn::donation {
namespace {

using platform::invalid_argument;

constexpr std::size_t kMaxName = 300;
constexpr std::size_t kMaxId = 64;

}  // namespace

void require_reference_id(const std::string& id, const std::string& field) {
  if (id.empty() || id.size() > kMaxId || !std::all_of(id.begin(), id.end(), [](unsigned char ch) {
        return std::isalnum(ch) || ch == '-' || ch == '_' || ch == '.';
      })) {
    throw invalid_argument(field, "must be 1–64 letters, digits, '-', '_' or '.'");
  }
}

void require_reference_text(const std::string& value, const std::string& field) {
  platform::text::require_text(value, field, kMaxName, true);
}

CampaignPeriod check_campaign_header(const platform::rpc::CallContext& call,
                                     const v1::Campaign& c) {
  require_reference_id(c.id(), "campaign.id");
  require_reference_text(c.name(), "campaign.name");
  CampaignPeriod period{platform::required_date(c.starts_on(), "campaign.starts_on"),
                        platform::required_date(c.ends_on(), "campaign.ends_on")};
  if (period.ends < period.starts) {
    throw invalid_argument("campaign.ends_on", "is before starts_on");
  }
  call.require_unit("campaign.unit_code", c.unit_code(), period.starts);
  if (c.fund_ids().empty()) throw invalid_argument("campaign.fund_ids", "name at least one fund");
  return period;
}

void write_campaign_funds(const platform::rpc::CallContext& call, pqxx::transaction_base& tx,
                          const v1::Campaign& c) {
  for (int i = 0; i < c.fund_ids_size(); ++i) {
    const auto fund = tx.exec_prepared("fund_unit", c.fund_ids(i));
    if (fund.empty() ||
        !call.may_act_for(fund[0][0].c_str(), *platform::Date::parse_iso(fund[0][1].c_str()))) {
      throw invalid_argument("campaign.fund_ids[" + std::to_string(i) + "]", "unknown fund");
    }
    tx.exec_prepared("campaign_fund_insert", c.id(), c.fund_ids(i));
  }
}

void write_campaign_plan(const platform::rpc::CallContext& call, pqxx::transaction_base& tx,
                         const v1::Campaign& c, const CampaignPeriod& period) {
  tx.exec_prepared("campaign_milestones_clear", c.id());
  tx.exec_prepared("campaign_targets_clear", c.id());
  for (int i = 0; i < c.milestones_size(); ++i) {
    const auto& m = c.milestones(i);
    const std::string field = "campaign.milestones[" + std::to_string(i) + "]";
    if (m.kind() == v1::MILESTONE_KIND_UNSPECIFIED || !v1::MilestoneKind_IsValid(m.kind())) {
      throw invalid_argument(field + ".kind", "is required");
    }
    const auto due = platform::required_date(m.due_on(), field + ".due_on");
    if (!period.contains(due)) {
      throw invalid_argument(field + ".due_on", "is outside the campaign's period");
    }
    try {
      tx.exec_prepared("campaign_milestone_insert", c.id(), milestone_kind_name(m.kind()),
                       due.iso());
    } catch (const pqxx::unique_violation&) {
      throw invalid_argument(field + ".kind", "appears twice");
    }
  }
  for (int i = 0; i < c.targets_size(); ++i) {
    const auto& t = c.targets(i);
    const std::string field = "campaign.targets[" + std::to_string(i) + "]";
    call.require_unit(field + ".unit_code", t.unit_code(), period.starts);
    if (t.amount().dong() < 0) throw invalid_argument(field + ".amount.dong", "is negative");
    if (t.houses() < 0) throw invalid_argument(field + ".houses", "is negative");
    try {
      tx.exec_prepared("campaign_target_insert", c.id(), t.unit_code(), t.amount().dong(),
                       t.houses());
    } catch (const pqxx::unique_violation&) {
      throw invalid_argument(field + ".unit_code", "appears twice");
    }
  }
}

}  // namespace vnn::donation
