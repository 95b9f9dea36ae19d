#pragma once
// The final results report of a campaign for a commune or the district (what the seed plan
// asks each commune to send by 19/05/2024): built ONLY from load_progress — the same figures
// as the progress screen — plus the day-by-day ledger of the unit's funds with its running
// balance, and a footer that states the reconciliation with the owning services (or, until
// one is made, how fresh the figures are).

#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <string_view>

#include "progress.h"
#include "rules/labels.h"
#include "rules/report_format.h"
#include "vnn/platform/units/admin_unit_tree.h"
#include "vnn/reporting/v1/reporting.pb.h"

namespace vnn::reporting {

// "vi" (default) or "en"; INVALID_ARGUMENT on `field` otherwise.
rules::Language report_language(const std::string& code, std::string_view field);

rules::FreshnessFacts freshness_facts(const v1::Freshness& freshness);
// What the footer says of a Reconcile answer: plug a reconciliation in through this.
rules::ReconciliationFacts reconciliation_facts(const v1::Reconciliation& reconciliation);

// Fills `out` for `unit_code` (the caller has checked the campaign and the caller's scope).
// `reconciliation`, when given, is stated in the footer; otherwise the footer says the figures
// are not reconciled yet and how fresh they are.
void build_final_report(
    pqxx::transaction_base& tx, const platform::units::AdminUnitTree& units,
    const std::string& campaign_id, const CampaignInfo& campaign, const std::string& unit_code,
    v1::UnitView view, rules::Language language, v1::FinalReport* out,
    const std::optional<rules::ReconciliationFacts>& reconciliation = std::nullopt);

}  // namespace vnn::reporting
