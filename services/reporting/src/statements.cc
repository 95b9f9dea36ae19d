#include "statements.h"

namespace vnn::reporting {
namespace {

void prepare_read_model_writes(pqxx::connection& c) {
  c.prepare("freshness_touch",
            "UPDATE freshness SET events_applied = events_applied + 1, last_event_id = $1, "
            "event_at = to_timestamp($2), applied_at = now() WHERE id = 1");
  c.prepare("figure_add",
            "INSERT INTO figure (campaign_id, unit_code, figure, key, count, amount) "
            "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (campaign_id, unit_code, figure, key) "
            "DO UPDATE SET count = figure.count + excluded.count, "
            "amount = figure.amount + excluded.amount");
  c.prepare("campaign_upsert",
            "INSERT INTO campaign (campaign_id, name, unit_code, starts_on, ends_on, "
            "household_lists_due, results_report_due) VALUES ($1, $2, $3, $4, $5, $6, $7) "
            "ON CONFLICT (campaign_id) DO UPDATE SET name = excluded.name, "
            "unit_code = excluded.unit_code, starts_on = excluded.starts_on, "
            "ends_on = excluded.ends_on, household_lists_due = excluded.household_lists_due, "
            "results_report_due = excluded.results_report_due");
  c.prepare("campaign_targets_clear", "DELETE FROM campaign_target WHERE campaign_id = $1");
  c.prepare("campaign_target_insert",
            "INSERT INTO campaign_target (campaign_id, unit_code, amount, houses) "
            "VALUES ($1, $2, $3, $4) ON CONFLICT (campaign_id, unit_code) DO UPDATE SET "
            "amount = excluded.amount, houses = excluded.houses");
  c.prepare("mobiliser_upsert",
            "INSERT INTO mobiliser (mobiliser_id, name, kind, unit_code) VALUES ($1, $2, $3, $4) "
            "ON CONFLICT (mobiliser_id) DO UPDATE SET name = excluded.name, kind = excluded.kind, "
            "unit_code = excluded.unit_code");
  c.prepare("fund_known",
            "INSERT INTO fund (fund_id, unit_code, name) VALUES ($1, $2, $3) "
            "ON CONFLICT (fund_id) DO UPDATE SET unit_code = excluded.unit_code, "
            "name = CASE WHEN excluded.name <> '' THEN excluded.name ELSE fund.name END");
  c.prepare("fund_balance_set",
            "INSERT INTO fund (fund_id, unit_code, name, received, reversed, reserved, "
            "disbursed, available, in_kind, flagged_short, version) VALUES ($1, $2, $3, $4, $5, "
            "$6, $7, $8, $9, $10, $11) ON CONFLICT (fund_id) DO UPDATE SET "
            "received = excluded.received, reversed = excluded.reversed, "
            "reserved = excluded.reserved, disbursed = excluded.disbursed, "
            "available = excluded.available, in_kind = excluded.in_kind, "
            "flagged_short = excluded.flagged_short, version = excluded.version "
            "WHERE fund.version < excluded.version");
  c.prepare("donation_fact_insert",
            "INSERT INTO donation_fact (donation_id, campaign_id, fund_id, unit_code, channel, "
            "donor_id, donor_kind, donor_name, mobiliser_id, amount, received_on, household_id) "
            "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) "
            "ON CONFLICT (donation_id) DO NOTHING RETURNING 1");
  c.prepare("donation_fact_reverse",
            "UPDATE donation_fact SET reversed = true WHERE donation_id = $1 AND NOT reversed "
            "RETURNING campaign_id, unit_code, channel, donor_id, donor_kind, mobiliser_id, "
            "household_id");
  c.prepare("donor_total_add",
            "INSERT INTO donor_total (campaign_id, unit_code, donor_id, donor_name, donor_kind, "
            "count, amount) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (campaign_id, "
            "unit_code, donor_id) DO UPDATE SET count = donor_total.count + excluded.count, "
            "amount = donor_total.amount + excluded.amount, donor_name = CASE WHEN "
            "excluded.donor_name <> '' THEN excluded.donor_name ELSE donor_total.donor_name END");
  c.prepare("mobiliser_total_add",
            "INSERT INTO mobiliser_total (campaign_id, unit_code, mobiliser_id, count, amount) "
            "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (campaign_id, unit_code, mobiliser_id) DO "
            "UPDATE SET count = mobiliser_total.count + excluded.count, "
            "amount = mobiliser_total.amount + excluded.amount");
  c.prepare("household_fact_get",
            "SELECT state, late, organisation_id FROM household_fact WHERE campaign_id = $1 "
            "AND household_id = $2 FOR UPDATE");
  c.prepare("household_fact_insert",
            "INSERT INTO household_fact (campaign_id, household_id, unit_code, masked_name, "
            "state, late) VALUES ($1, $2, $3, $4, $5, $6)");
  c.prepare("household_fact_state",
            "UPDATE household_fact SET state = $3 WHERE campaign_id = $1 AND household_id = $2");
  c.prepare("household_fact_organisation",
            "UPDATE household_fact SET organisation_id = $3 WHERE campaign_id = $1 "
            "AND household_id = $2");
  c.prepare("list_submission_insert",
            "INSERT INTO list_submission (campaign_id, unit_code, first_submitted_at, late, "
            "received_on) VALUES ($1, $2, to_timestamp($3), $4, $5) ON CONFLICT DO NOTHING");
  c.prepare("support_fact_get",
            "SELECT state, version FROM support_fact WHERE support_id = $1 FOR UPDATE");
  c.prepare("support_fact_upsert",
            "INSERT INTO support_fact (support_id, campaign_id, household_id, unit_code, "
            "masked_name, kind, state, fund_ids, from_funds, total, disbursed, disbursed_on, "
            "completed_on, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8::text[], $9, $10, "
            "$11, $12, $13, $14) ON CONFLICT (support_id) DO UPDATE SET state = excluded.state, "
            "masked_name = excluded.masked_name, fund_ids = excluded.fund_ids, "
            "disbursed = excluded.disbursed, disbursed_on = excluded.disbursed_on, "
            "completed_on = excluded.completed_on, version = excluded.version");
  c.prepare("fund_use_insert",
            "INSERT INTO fund_use (support_id, fund_id, campaign_id, household_id, unit_code, "
            "masked_name, kind, amount, used_on) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
            "ON CONFLICT (support_id, fund_id) DO NOTHING");
  c.prepare("supported_household_insert",
            "INSERT INTO supported_household (campaign_id, household_id) VALUES ($1, $2) "
            "ON CONFLICT DO NOTHING RETURNING 1");
}

void prepare_reads(pqxx::connection& c) {
  c.prepare("freshness_get",
            "SELECT events_applied, last_event_id, coalesce(extract(epoch from event_at), 0)"
            "::bigint, coalesce(extract(epoch from applied_at), 0)::bigint FROM freshness "
            "WHERE id = 1");
  c.prepare("campaign_get",
            "SELECT name, unit_code, starts_on::text, ends_on::text, "
            "coalesce(household_lists_due::text, ''), coalesce(results_report_due::text, '') "
            "FROM campaign WHERE campaign_id = $1");
  c.prepare("campaign_leaves",
            "SELECT DISTINCT unit_code FROM figure WHERE campaign_id = $1 UNION "
            "SELECT unit_code FROM campaign_target WHERE campaign_id = $1");
  c.prepare("figures_of_units",
            "SELECT unit_code, figure, key, count, amount FROM figure WHERE campaign_id = $1 "
            "AND unit_code = ANY($2::text[])");
  c.prepare("targets_of_units",
            "SELECT unit_code, amount, houses FROM campaign_target WHERE campaign_id = $1 "
            "AND unit_code = ANY($2::text[])");
  c.prepare("funds_of_units",
            "SELECT fund_id, unit_code, name, received, reversed, reserved, disbursed, "
            "available, in_kind, flagged_short FROM fund WHERE unit_code = ANY($1::text[]) "
            "ORDER BY fund_id");
  c.prepare("mobiliser_names",
            "SELECT mobiliser_id, name FROM mobiliser WHERE mobiliser_id = ANY($1::text[])");
}

// The final report, its results-report submission and the lagging units.
void prepare_final_report(pqxx::connection& c) {
  // By day, for the report's ledger: donations into the funds net of reversals (direct support
  // excluded, as the "received" figures count them), and fund parts handed over.
  c.prepare("report_day_flows",
            "SELECT day::text, sum(amount_in)::bigint, sum(amount_out)::bigint FROM ("
            "SELECT received_on AS day, amount AS amount_in, 0::bigint AS amount_out "
            "FROM donation_fact WHERE campaign_id = $1 AND fund_id = ANY($2::text[]) "
            "AND NOT reversed AND household_id = 0 "
            "UNION ALL SELECT used_on, 0::bigint, amount FROM fund_use "
            "WHERE campaign_id = $1 AND fund_id = ANY($2::text[])) flows "
            "GROUP BY day ORDER BY day");
  c.prepare("list_submissions_of",
            "SELECT unit_code, received_on::text FROM list_submission WHERE campaign_id = $1 "
            "AND unit_code = ANY($2::text[])");
  c.prepare("results_reports_of",
            "SELECT unit_code, received_on::text FROM results_report WHERE campaign_id = $1 "
            "AND unit_code = ANY($2::text[])");
  c.prepare("results_report_insert",
            "INSERT INTO results_report (campaign_id, unit_code, submitted_by, submitted_at, "
            "late, note, snapshot, received_on) "
            "VALUES ($1, $2, $3, to_timestamp($4), $5, $6, $7::jsonb, $8) "
            "ON CONFLICT (campaign_id, unit_code) DO NOTHING RETURNING 1");
  c.prepare("results_report_get",
            "SELECT submitted_by, extract(epoch from submitted_at)::bigint FROM results_report "
            "WHERE campaign_id = $1 AND unit_code = $2");
}

// Commendation, public disclosure and reconciliation.
void prepare_public(pqxx::connection& c) {
  // Named donors only: an anonymous donor is never ranked (see commendation_handlers.cc).
  c.prepare("commendation_donors",
            "SELECT donor_id, unit_code, donor_name, donor_kind, count, amount FROM donor_total "
            "WHERE campaign_id = $1 AND unit_code = ANY($2::text[]) AND donor_kind <> "
            "'anonymous' AND donor_name <> ''");
  c.prepare("commendation_mobilisers",
            "SELECT t.mobiliser_id, t.unit_code, coalesce(m.name, ''), coalesce(m.kind, ''), "
            "coalesce(m.unit_code, ''), t.count, t.amount FROM mobiliser_total t LEFT JOIN "
            "mobiliser m USING (mobiliser_id) WHERE t.campaign_id = $1 AND "
            "t.unit_code = ANY($2::text[])");
  c.prepare("disclosure_fund",
            "SELECT name, unit_code, received, reversed, disbursed, in_kind FROM fund "
            "WHERE fund_id = $1");
  c.prepare("disclosure_received",
            "SELECT donation_id, received_on::text, donor_name, donor_kind, channel, amount, "
            "reversed FROM donation_fact WHERE fund_id = $1 AND ($2 = '' OR campaign_id = $2) "
            "AND donation_id > $3 ORDER BY donation_id LIMIT $4");
  c.prepare("disclosure_used",
            "SELECT id, used_on::text, masked_name, unit_code, kind, amount FROM fund_use "
            "WHERE fund_id = $1 AND ($2 = '' OR campaign_id = $2) AND ($3 = '' OR "
            "unit_code = $3) AND id > $4 ORDER BY id LIMIT $5");
  // Reconciliation: the owners' figures computed from the read models. Per fund from the
  // donations as received (the allocation ledger credits cash gross and books reversals apart;
  // the donation service nets them), and campaign-wide from the pre-aggregated figure rows.
  c.prepare("reconcile_donations",
            "SELECT fund_id, "
            "coalesce(sum(amount) FILTER (WHERE household_id = 0 AND channel <> 'in_kind' AND "
            "NOT reversed), 0)::bigint, "
            "coalesce(sum(amount) FILTER (WHERE household_id = 0 AND channel = 'in_kind' AND "
            "NOT reversed), 0)::bigint, "
            "coalesce(sum(amount) FILTER (WHERE household_id <> 0 AND NOT reversed), 0)::bigint, "
            "coalesce(sum(amount) FILTER (WHERE household_id = 0 AND channel <> 'in_kind'), 0)"
            "::bigint, "
            "coalesce(sum(amount) FILTER (WHERE household_id = 0 AND channel <> 'in_kind' AND "
            "reversed), 0)::bigint "
            "FROM donation_fact WHERE campaign_id = $1 GROUP BY fund_id");
  c.prepare("reconcile_figures",
            "SELECT figure, coalesce(sum(amount), 0)::bigint FROM figure WHERE campaign_id = $1 "
            "AND figure IN ('received', 'direct', 'disbursed') GROUP BY figure");
  // Reserved: supports approved and not yet handed over. One fund: all of it is that fund's;
  // several: the read model does not keep the split, so only the campaign's sum is compared.
  c.prepare("reconcile_reserved",
            "SELECT CASE WHEN cardinality(fund_ids) = 1 THEN fund_ids[1] ELSE '' END, "
            "coalesce(sum(from_funds), 0)::bigint FROM support_fact WHERE campaign_id = $1 "
            "AND state = 'approved' GROUP BY 1");
  c.prepare("reconcile_used",
            "SELECT fund_id, coalesce(sum(amount), 0)::bigint FROM fund_use "
            "WHERE campaign_id = $1 GROUP BY fund_id");
}

// The snapshot publisher (snapshot_publisher.cc).
void prepare_live(pqxx::connection& c) {
  c.prepare("campaign_ids", "SELECT campaign_id FROM campaign ORDER BY campaign_id");
}

}  // namespace

void prepare_statements(pqxx::connection& connection) {
  prepare_read_model_writes(connection);
  prepare_reads(connection);
  prepare_final_report(connection);
  prepare_public(connection);
  prepare_live(connection);
}

}  // namespace vnn::reporting
