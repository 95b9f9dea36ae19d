#include "statements.h"

#include <string>

namespace vnn::allocation {
namespace {

// A fund's balance row as FundBalance shows it (fund_rows.cc reads these columns in order).
const std::string kFundColumns =
    "f.fund_id, f.unit_code, f.name, f.received, f.reversed, f.reserved, f.disbursed, "
    "f.available, f.in_kind, f.shortfall, f.version, "
    "extract(epoch from f.updated_at)::bigint";

void prepare_reference_data(pqxx::connection& c) {
  c.prepare("fund_upsert",
            "INSERT INTO fund (fund_id, unit_code, name, unit_on) VALUES ($1, $2, $3, $4) "
            "ON CONFLICT (fund_id) DO UPDATE SET unit_code = excluded.unit_code, "
            "name = excluded.name, unit_on = excluded.unit_on");
  // A change names no date for its unit: the fund keeps the one it was created with.
  c.prepare("fund_rename",
            "INSERT INTO fund (fund_id, unit_code, name, unit_on) VALUES ($1, $2, $3, $4) "
            "ON CONFLICT (fund_id) DO UPDATE SET name = excluded.name");
  // A donation may arrive before its fund's event: the fund is known from the donation.
  c.prepare("fund_ensure",
            "INSERT INTO fund (fund_id, unit_code, unit_on) VALUES ($1, $2, $3) "
            "ON CONFLICT (fund_id) DO NOTHING");
  c.prepare("campaign_upsert",
            "INSERT INTO campaign (campaign_id, unit_code, name, starts_on, ends_on) "
            "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (campaign_id) DO UPDATE SET "
            "unit_code = excluded.unit_code, name = excluded.name, "
            "starts_on = excluded.starts_on, ends_on = excluded.ends_on");
  c.prepare("campaign_get",
            "SELECT unit_code, starts_on, ends_on FROM campaign "
            "WHERE campaign_id = $1");
  c.prepare("household_upsert",
            "INSERT INTO household (household_id, unit_code, masked_name) VALUES ($1, $2, $3) "
            "ON CONFLICT (household_id) DO UPDATE SET unit_code = excluded.unit_code, "
            "masked_name = CASE WHEN excluded.masked_name <> '' THEN excluded.masked_name "
            "ELSE household.masked_name END");
  c.prepare("household_masked_name", "SELECT masked_name FROM household WHERE household_id = $1");
  // A support proposed before its household's events arrived was written without the masked
  // name; the first event that carries it fills it in.
  c.prepare("support_masked_name_fill",
            "UPDATE support SET masked_name = $2 WHERE household_id = $1 AND masked_name = '' "
            "AND $2 <> ''");
  c.prepare("direct_support_insert",
            "INSERT INTO direct_support (donation_id, household_id, campaign_id, need, amount) "
            "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (donation_id) DO NOTHING");
  c.prepare("direct_support_reverse",
            "UPDATE direct_support SET reversed = true WHERE donation_id = $1 RETURNING 1");
  c.prepare("direct_support_same_need",
            "SELECT coalesce(sum(amount), 0) FROM direct_support WHERE household_id = $1 "
            "AND campaign_id = $2 AND need = $3 AND NOT reversed");
}

void prepare_ledger(pqxx::connection& c) {
  c.prepare("fund_balance", "SELECT " + kFundColumns + " FROM fund f WHERE f.fund_id = $1");
  c.prepare("fund_balance_lock",
            "SELECT " + kFundColumns + " FROM fund f WHERE f.fund_id = $1 FOR UPDATE");
  c.prepare("fund_units",
            "SELECT fund_id, unit_code, unit_on FROM fund WHERE fund_id = ANY($1::text[])");
  // Every posting but a reservation: the deltas of the balances. A reversal may raise the
  // shortfall (it is a fact); everything else only lowers it as cash comes back.
  c.prepare("fund_apply",
            "UPDATE fund f SET received = f.received + $2, reversed = f.reversed + $3, "
            "reserved = f.reserved + $4, disbursed = f.disbursed + $5, in_kind = f.in_kind + $6, "
            "shortfall = CASE WHEN $7 THEN greatest(0, -(f.received + $2 - f.reversed - $3 - "
            "f.reserved - $4 - f.disbursed - $5)) ELSE least(f.shortfall, greatest(0, "
            "-(f.received + $2 - f.reversed - $3 - f.reserved - $4 - f.disbursed - $5))) END, "
            "version = f.version + 1, updated_at = now() "
            "FROM (SELECT shortfall AS before FROM fund WHERE fund_id = $1 FOR UPDATE) o "
            "WHERE f.fund_id = $1 RETURNING " +
                kFundColumns + ", o.before");
  // A reservation takes the amount only if it fits: the condition is in the UPDATE itself (no
  // read-then-check), and the table's CHECK refuses it even if this condition were wrong.
  c.prepare("fund_reserve",
            "UPDATE fund f SET reserved = f.reserved + $2, version = f.version + 1, "
            "updated_at = now() WHERE f.fund_id = $1 AND f.shortfall = 0 AND f.available >= $2 "
            "RETURNING " +
                kFundColumns);
  // A flag raised or lowered is an event of the fund's own, after its balance_changed.
  c.prepare("fund_bump_version",
            "UPDATE fund SET version = version + 1 WHERE fund_id = $1 RETURNING version");
  c.prepare("posting_insert",
            "INSERT INTO posting (fund_id, kind, reference, campaign_id, accounts, amounts) "
            "VALUES ($1, $2, $3, $4, $5::smallint[], $6::bigint[]) RETURNING id");
  c.prepare("posting_of_donation",
            "SELECT kind, amounts[1] FROM posting WHERE fund_id = $1 AND reference = $2 "
            "AND kind IN ('donation', 'in_kind')");
  c.prepare("ledger_page",
            "SELECT id, kind, reference, accounts::text, amounts::text, "
            "extract(epoch from posted_at)::bigint FROM posting WHERE fund_id = $1 AND id > $2 "
            "ORDER BY id LIMIT $3");
  // The balance row and the sums of the entries in ONE statement, so one snapshot: read
  // separately, a posting committed between them made a healthy ledger look unbalanced.
  c.prepare("ledger_verify",
            "WITH sums AS (SELECT e.account, sum(e.amount)::bigint AS total FROM posting p, "
            "unnest(p.accounts, p.amounts) AS e(account, amount) WHERE p.fund_id = $1 "
            "GROUP BY e.account), counts AS (SELECT count(*) AS n, count(*) FILTER (WHERE "
            "entries_sum(amounts) <> 0) AS unbalanced FROM posting WHERE fund_id = $1) "
            "SELECT " +
                kFundColumns +
                ", (SELECT n FROM counts), (SELECT unbalanced FROM counts), "
                "(SELECT coalesce(array_agg(account ORDER BY account), '{}')::text FROM sums), "
                "(SELECT coalesce(array_agg(total ORDER BY account), '{}')::text FROM sums) "
                "FROM fund f WHERE f.fund_id = $1");
  c.prepare("campaign_ledger_sums",
            "SELECT p.fund_id, e.account, sum(e.amount)::bigint FROM posting p, "
            "unnest(p.accounts, p.amounts) AS e(account, amount) WHERE p.campaign_id = $1 "
            "GROUP BY p.fund_id, e.account ORDER BY p.fund_id");
  c.prepare("campaign_support_counts",
            "SELECT state, count(*) FROM support WHERE campaign_id = $1 GROUP BY state");
}

const std::string kSupportColumns =
    "s.id, s.campaign_id, s.household_id, s.unit_code, s.masked_name, s.kind, s.state, "
    "s.regulation_version, s.land_use_certificate, s.organisation_id, s.note, s.total, "
    "s.from_funds, s.disbursed, s.proposed_by, s.approved_by, s.disbursed_on, "
    "s.disbursement_evidence, s.completed_on, s.completion_evidence, s.cancel_reason, "
    "s.version, s.proposed_on";

void prepare_supports(pqxx::connection& c) {
  // Proposals for one household wait for each other: the places per kind are counted and
  // taken by one at a time.
  c.prepare("household_lock",
            "SELECT pg_advisory_xact_lock(hashtextextended('vnn.allocation.household.' || "
            "$1::text, 0))");
  c.prepare("free_slot",
            "SELECT s FROM generate_series(1, $4::int) AS s WHERE NOT EXISTS (SELECT 1 FROM "
            "support WHERE campaign_id = $1 AND household_id = $2 AND kind = $3 AND slot = s "
            "AND state <> 'cancelled') ORDER BY s LIMIT 1");
  c.prepare("active_same_kind",
            "SELECT count(*) FROM support WHERE campaign_id = $1 AND household_id = $2 "
            "AND kind = $3 AND state <> 'cancelled'");
  c.prepare("last_same_kind_on",
            "SELECT max(proposed_on)::text FROM support WHERE household_id = $1 AND kind = $2 "
            "AND state <> 'cancelled'");
  c.prepare("support_insert",
            "INSERT INTO support (campaign_id, household_id, unit_code, masked_name, kind, slot, "
            "state, regulation_version, land_use_certificate, organisation_id, note, total, "
            "from_funds, proposed_by, proposed_on, unit_on) VALUES ($1, $2, $3, $4, $5, $6, "
            "'proposed', $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id");
  c.prepare("support_funding_insert",
            "INSERT INTO support_funding (support_id, part_no, source, fund_id, amount, sponsor, "
            "reference) SELECT $1, t.n, t.s, NULLIF(t.f, ''), t.a, t.sp, t.r FROM "
            "unnest($2::smallint[], $3::text[], $4::text[], $5::bigint[], $6::text[], "
            "$7::text[]) AS t(n, s, f, a, sp, r)");
  c.prepare("support_transition_insert",
            "INSERT INTO support_transition (support_id, seq, from_state, to_state, by_subject, "
            "note) SELECT $1, coalesce(max(seq), 0) + 1, $2, $3, $4, $5 FROM support_transition "
            "WHERE support_id = $1");
  c.prepare("support_get", "SELECT " + kSupportColumns + " FROM support s WHERE s.id = $1");
  c.prepare("support_lock",
            "SELECT " + kSupportColumns + " FROM support s WHERE s.id = $1 FOR UPDATE");
  c.prepare("support_funding_of",
            "SELECT sf.source, coalesce(sf.fund_id, ''), sf.amount, sf.sponsor, sf.reference, "
            "coalesce(rr.posted, 0) FROM support_funding sf LEFT JOIN reservation r ON "
            "r.support_id = sf.support_id AND r.fund_id = sf.fund_id LEFT JOIN "
            "reservation_resolution rr ON rr.reservation_id = r.id WHERE sf.support_id = $1 "
            "ORDER BY sf.part_no");
  c.prepare("support_fund_parts",
            "SELECT fund_id, sum(amount)::bigint FROM support_funding WHERE support_id = $1 "
            "AND fund_id IS NOT NULL GROUP BY fund_id ORDER BY fund_id");
  c.prepare("support_history",
            "SELECT coalesce(from_state, ''), to_state, by_subject, note, "
            "extract(epoch from at)::bigint FROM support_transition WHERE support_id = $1 "
            "ORDER BY seq");
  c.prepare("support_set_approved",
            "UPDATE support SET state = 'approved', approved_by = $2, version = version + 1 "
            "WHERE id = $1 AND state = 'proposed' RETURNING version");
  c.prepare("support_set_disbursed",
            "UPDATE support SET state = 'disbursed', disbursed_on = $2, "
            "disbursement_evidence = $3, disbursed = $4, version = version + 1 "
            "WHERE id = $1 AND state = 'approved' RETURNING version");
  c.prepare("support_set_completed",
            "UPDATE support SET state = 'completed', completed_on = $2, "
            "completion_evidence = $3, version = version + 1 "
            "WHERE id = $1 AND state = 'disbursed' RETURNING version");
  c.prepare("support_set_cancelled",
            "UPDATE support SET state = 'cancelled', cancel_reason = $2, version = version + 1 "
            "WHERE id = $1 AND state IN ('proposed', 'approved') RETURNING version");
  c.prepare("reservation_insert",
            "INSERT INTO reservation (support_id, fund_id, amount) VALUES ($1, $2, $3) "
            "RETURNING id");
  c.prepare("reservations_of_support",
            "SELECT r.id, r.fund_id, r.amount FROM reservation r WHERE r.support_id = $1 "
            "AND NOT EXISTS (SELECT 1 FROM reservation_resolution rr "
            "WHERE rr.reservation_id = r.id) ORDER BY r.fund_id");
  // Its primary key lets a reservation be resolved once, whatever races.
  c.prepare("resolution_insert",
            "INSERT INTO reservation_resolution (reservation_id, amount, outcome, posted, "
            "released) VALUES ($1, $2, $3, $4, $5)");
  c.prepare("proposed_of_unit",
            "SELECT id, proposed_by FROM support WHERE campaign_id = $1 AND unit_code = $2 "
            "AND state = 'proposed' ORDER BY id");
  c.prepare("proposed_of_unit_funds",
            "SELECT sf.support_id, f.fund_id, f.unit_code, f.unit_on::text FROM support s "
            "JOIN support_funding sf ON sf.support_id = s.id JOIN fund f ON f.fund_id = "
            "sf.fund_id WHERE s.campaign_id = $1 AND s.unit_code = $2 AND s.state = 'proposed'");
  c.prepare("fund_needs_of_supports",
            "SELECT sf.fund_id, sum(sf.amount)::bigint FROM support_funding sf "
            "WHERE sf.support_id = ANY($1::bigint[]) AND sf.fund_id IS NOT NULL "
            "GROUP BY sf.fund_id ORDER BY sf.fund_id");
}

}  // namespace

void prepare_statements(pqxx::connection& connection) {
  prepare_reference_data(connection);
  prepare_ledger(connection);
  prepare_supports(connection);
}

}  // namespace vnn::allocation
