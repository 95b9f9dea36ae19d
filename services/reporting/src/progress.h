#pragma once
// A campaign's progress for a unit, from the pre-aggregated figures: the unit's total, the
// units directly below it, its funds, and how fresh it all is. The final report, the watch
// stream and the snapshots are built from this one query, so every view shows the same figures.

#include <pqxx/pqxx>
#include <string>

#include "rules/labels.h"
#include "rules/rollup.h"
#include "vnn/platform/units/admin_unit_tree.h"
#include "vnn/reporting/v1/reporting.pb.h"

namespace vnn::reporting {

struct CampaignInfo {
  std::string name;
  std::string unit_code;  // the organising unit
  platform::Date starts_on, ends_on;
  std::optional<platform::Date> household_lists_due, results_report_due;
};
// nullopt when the campaign is not known (yet).
std::optional<CampaignInfo> load_campaign(pqxx::transaction_base& tx, const std::string& id);

void load_freshness(pqxx::transaction_base& tx, v1::Freshness* out);

rules::View view_of(v1::UnitView view);

// Fills `out` for `unit_code` (empty: the campaign's organising unit). The caller has checked
// that the campaign exists and that it may see the unit.
void load_progress(pqxx::transaction_base& tx, const platform::units::AdminUnitTree& units,
                   const std::string& campaign_id, const CampaignInfo& campaign,
                   const std::string& unit_code, v1::UnitView view, v1::CampaignProgress* out,
                   rules::Language language = rules::Language::kVietnamese);

}  // namespace vnn::reporting
