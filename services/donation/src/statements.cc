#include "statements.h"

#include "vnn/platform/events/outbox.h"

namespace vnn::donation {

void prepare_statements(pqxx::connection& c) {
  // Donors
  // The donors holding a tax code ($1) or a citizen id hash ($2): at most one each. Whether
  // they are the donor named is the caller's decision (rules/donor_identity.h).
  c.prepare("donor_find_identified",
            "SELECT id, kind, name, COALESCE(tax_code = $1, false) AS by_tax_code FROM donor "
            "WHERE kind <> 'anonymous' AND (tax_code = $1 OR citizen_id_hash = decode($2, "
            "'hex')) ORDER BY id");
  // The donors on file with a phone: a family may share one, so the name decides.
  c.prepare("donor_find_by_phone",
            "SELECT id, kind, name FROM donor WHERE kind <> 'anonymous' AND phone = $1 "
            "ORDER BY id LIMIT 100");
  c.prepare("donor_insert",
            "INSERT INTO donor (kind, name, tax_code, citizen_id_hash, citizen_id_mask, phone) "
            "VALUES ($1, $2, $3, decode($4, 'hex'), $5, $6) ON CONFLICT DO NOTHING RETURNING id");
  c.prepare("donor_get",
            "SELECT kind, name, tax_code, citizen_id_mask, phone FROM donor WHERE id = $1");

  // Funds, campaigns, mobilisers
  c.prepare("fund_insert",
            "INSERT INTO fund (id, unit_code, unit_valid_on, name) VALUES ($1, $2, $3, $4) "
            "ON CONFLICT DO NOTHING RETURNING id");
  c.prepare("fund_account_insert",
            "INSERT INTO fund_account (fund_id, account_number, account_name, bank, branch) "
            "VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING account_number");
  c.prepare("fund_get", "SELECT unit_code, name FROM fund WHERE id = $1");
  c.prepare("fund_unit", "SELECT unit_code, unit_valid_on::text FROM fund WHERE id = $1");
  c.prepare("fund_list", "SELECT id, unit_code, name, version FROM fund ORDER BY id");
  c.prepare("fund_row", "SELECT id, unit_code, name, version FROM fund WHERE id = $1");
  c.prepare("fund_accounts",
            "SELECT account_number, account_name, bank, branch, closed_on::text FROM fund_account "
            "WHERE fund_id = $1 ORDER BY account_number");
  c.prepare("fund_account_owner", "SELECT fund_id FROM fund_account WHERE account_number = $1");
  // Changes to one fund queue here, so versions follow one another.
  c.prepare("fund_lock_version",
            "SELECT version, unit_code, unit_valid_on::text FROM fund WHERE id = $1 FOR UPDATE");
  c.prepare("fund_update",
            "UPDATE fund SET name = $2, version = version + 1 WHERE id = $1 RETURNING version");
  c.prepare("fund_change_insert",
            "INSERT INTO fund_change (fund_id, version, reason, changed_by, before, changes) "
            "VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb)");
  // Taken before the last transfer is read: a transfer being recorded holds the row (see
  // account_of_fund), so none lands between the check and the closing.
  c.prepare("fund_account_lock",
            "SELECT closed_on::text FROM fund_account WHERE fund_id = $1 AND account_number = $2 "
            "FOR UPDATE");
  c.prepare("fund_account_last_transfer",
            "SELECT max(received_on)::text FROM donation WHERE bank_account_number = $1 AND "
            "reverses_donation_id IS NULL");
  c.prepare("fund_account_close",
            "UPDATE fund_account SET closed_on = $3 WHERE fund_id = $1 AND account_number = $2");
  c.prepare("campaign_insert",
            "INSERT INTO campaign (id, name, unit_code, starts_on, ends_on) "
            "VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING id");
  c.prepare("campaign_fund_insert",
            "INSERT INTO campaign_fund (campaign_id, fund_id) VALUES ($1, $2) "
            "ON CONFLICT DO NOTHING");
  c.prepare("campaign_milestones_clear", "DELETE FROM campaign_milestone WHERE campaign_id = $1");
  c.prepare("campaign_targets_clear", "DELETE FROM campaign_target WHERE campaign_id = $1");
  c.prepare("campaign_lock_version", "SELECT version FROM campaign WHERE id = $1 FOR UPDATE");
  c.prepare("campaign_update",
            "UPDATE campaign SET name = $2, ends_on = $3, version = version + 1 WHERE id = $1 "
            "RETURNING version");
  c.prepare("campaign_change_insert",
            "INSERT INTO campaign_change (campaign_id, version, reason, changed_by, before) "
            "VALUES ($1, $2, $3, $4, $5::jsonb)");
  c.prepare("campaign_last_received",
            "SELECT max(received_on)::text FROM donation WHERE campaign_id = $1");
  c.prepare("campaign_milestone_insert",
            "INSERT INTO campaign_milestone (campaign_id, kind, due_on) VALUES ($1, $2, $3)");
  c.prepare("campaign_target_insert",
            "INSERT INTO campaign_target (campaign_id, unit_code, amount_dong, houses) "
            "VALUES ($1, $2, $3, $4)");
  c.prepare("campaign_get",
            "SELECT name, unit_code, starts_on::text, ends_on::text FROM campaign WHERE id = $1");
  c.prepare("campaign_funds",
            "SELECT fund_id FROM campaign_fund WHERE campaign_id = $1 ORDER BY fund_id");
  c.prepare(
      "campaign_milestones",
      "SELECT kind, due_on::text FROM campaign_milestone WHERE campaign_id = $1 ORDER BY due_on");
  c.prepare("campaign_targets",
            "SELECT unit_code, amount_dong, houses FROM campaign_target WHERE campaign_id = $1 "
            "ORDER BY unit_code");
  c.prepare("campaign_has_fund",
            "SELECT 1 FROM campaign_fund WHERE campaign_id = $1 AND fund_id = $2");
  c.prepare("mobiliser_insert",
            "INSERT INTO mobiliser (id, kind, name, unit_code) VALUES ($1, $2, $3, $4) "
            "ON CONFLICT DO NOTHING RETURNING id");
  c.prepare("mobiliser_exists", "SELECT 1 FROM mobiliser WHERE id = $1");
  c.prepare("agency_exists", "SELECT 1 FROM mobiliser WHERE id = $1 AND kind = 'agency'");
  // What a donation is checked against, in one round trip: one row always, NULLs for what is
  // unknown.
  // $1 the campaign, $2 the fund; intake_batch_start reads the same columns first.
  const std::string intake_target =
      "SELECT c.starts_on::text AS starts_on, c.ends_on::text AS ends_on, f.unit_code, EXISTS "
      "(SELECT 1 FROM campaign_fund cf WHERE cf.campaign_id = $1 AND cf.fund_id = $2) AS "
      "in_campaign FROM (SELECT 1) one LEFT JOIN campaign c ON c.id = $1 LEFT JOIN fund f ON "
      "f.id = $2";
  c.prepare("intake_target", intake_target);

  // Donations and receipts
  // One row (its closing day, NULL while open) for an account of the fund. FOR SHARE holds it
  // until the donation commits: a closing waits, then sees the transfer.
  c.prepare("account_of_fund",
            "SELECT closed_on::text FROM fund_account WHERE fund_id = $1 AND account_number = $2 "
            "FOR SHARE");
  c.prepare("bank_reference_used",
            "SELECT id FROM donation WHERE bank_account_number = $1 AND bank_reference = $2 "
            "AND reverses_donation_id IS NULL");
  // $13, $14: the receipt year and number (NULL for direct support); $19: direct support, which
  // takes a confirmation number from its own sequence instead (rules/direct_support.h).
  c.prepare(
      "donation_insert",
      "INSERT INTO donation (campaign_id, fund_id, unit_code, donor_id, channel, amount_dong, "
      "received_on, mobiliser_id, bank_account_number, bank_reference, items, note, "
      "receipt_year, receipt_number, recorded_by, pledge_id, household_id, support_need, "
      "confirmation_number) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb, $12, $13, $14, $15, $16, "
      "$17, $18, CASE WHEN $19::bool THEN nextval('direct_support_confirmation_seq') END) "
      "RETURNING id, recorded_at::text");
  c.prepare(
      "reversal_insert",
      "INSERT INTO donation (campaign_id, fund_id, unit_code, donor_id, channel, amount_dong, "
      "received_on, mobiliser_id, bank_account_number, bank_reference, items, note, "
      "reverses_donation_id, reversal_reason, recorded_by, pledge_id, household_id, "
      "support_need) "
      "SELECT campaign_id, fund_id, unit_code, donor_id, channel, -amount_dong, received_on, "
      "mobiliser_id, bank_account_number, bank_reference, items, note, id, $2, $3, pledge_id, "
      "household_id, support_need "
      "FROM donation WHERE id = $1 RETURNING id");
  // Reversals of one donation queue on this lock (FOR UPDATE would need UPDATE rights, which
  // the runtime role does not have on posted records); the state is read after it is taken.
  c.prepare(
      "donation_reverse_lock",
      "SELECT pg_advisory_xact_lock(hashtextextended('vnn.donation.reverse.' || $1::text, 0))");
  // Reversal requests (maker–checker) and their decisions, both append-only.
  c.prepare("reversal_request_pending",
            "SELECT q.id FROM reversal_request q WHERE q.donation_id = $1 AND NOT EXISTS "
            "(SELECT 1 FROM reversal_decision d WHERE d.request_id = q.id) ORDER BY q.id LIMIT 1");
  c.prepare("reversal_request_insert",
            "INSERT INTO reversal_request (donation_id, reason, requested_by) VALUES ($1, $2, $3) "
            "RETURNING id");
  c.prepare("reversal_request_get",
            "SELECT q.id, q.donation_id, q.reason, q.requested_by, "
            "EXTRACT(EPOCH FROM q.requested_at)::bigint, d.approved, d.decided_by, d.note, "
            "EXTRACT(EPOCH FROM d.decided_at)::bigint, d.reversal_donation_id "
            "FROM reversal_request q LEFT JOIN reversal_decision d ON d.request_id = q.id "
            "WHERE q.id = $1");
  c.prepare("reversal_decision_insert",
            "INSERT INTO reversal_decision (request_id, approved, decided_by, note, "
            "reversal_donation_id) VALUES ($1, $2, $3, $4, $5)");
  c.prepare("donation_reversal_state",
            "SELECT reverses_donation_id, (SELECT id FROM donation r WHERE r.reverses_donation_id "
            "= d.id) FROM donation d WHERE id = $1");
  c.prepare("receipt_print_insert",
            "INSERT INTO receipt_print (fund_id, receipt_year, receipt_number, copy, printed_by) "
            "VALUES ($1, $2, $3, $4, $5)");
  // Prints of one receipt queue on this lock (receipt_print rows are append-only: no row to
  // lock), taken before the count is read.
  c.prepare("receipt_print_lock",
            "SELECT pg_advisory_xact_lock(hashtextextended('vnn.donation.receipt.' || $1 || '/' || "
            "$2::text || '/' || $3::text, 0))");
  c.prepare("receipt_prints",
            "SELECT count(*) FROM receipt_print WHERE fund_id = $1 AND receipt_year = $2 AND "
            "receipt_number = $3");
  c.prepare("receipt_donation",
            "SELECT id FROM donation WHERE fund_id = $1 AND receipt_year = $2 AND "
            "receipt_number = $3");
  // RecordDonation's group commit (donation_intake.cc). Its first statement: what the batch's
  // first donation is checked against (as intake_target), and a donation id and a donor id for
  // each call, drawn ahead so that the responses and events are complete before anything is
  // written. Ids of refused calls and known donors stay unused, as ids of rolled-back rows do.
  // The ids come from unnest(array_fill(…)), not generate_series(1, $3): its generic plan keeps a
  // small row estimate, so the plan cache keeps it (docs/benchmarks.md).
  c.prepare(
      "intake_batch_start",
      "WITH target AS MATERIALIZED (" + intake_target +
          ") "
          "SELECT target.*, ids.donation_id, ids.donor_id, EXTRACT(EPOCH FROM now())::bigint "
          "FROM target CROSS JOIN LATERAL (SELECT nextval('donation_id_seq') AS donation_id, "
          "nextval('donor_id_seq') AS donor_id FROM unnest(array_fill(0, ARRAY[$3::int]))) ids");
  // Then everything the batch writes but the counter, in one statement: its new donors, its
  // donations (the k-th numbered $4 + k - 1) and their events. A donation's donor may be new in
  // the same statement: foreign keys are checked at the statement's end. A donation whose
  // receipt number is taken (a predicted block another transaction used) is skipped, not
  // refused: the count of donations written tells the batch to run again (rules/receipts.h).
  c.prepare(
      "donation_batch_write",
      "WITH donors AS (INSERT INTO donor (id, kind, name) SELECT id, kind, name FROM "
      "unnest($17::bigint[], $18::text[], $19::text[]) AS t(id, kind, name)), "
      "donations AS (INSERT INTO donation (id, campaign_id, fund_id, unit_code, donor_id, "
      "channel, amount_dong, received_on, mobiliser_id, bank_account_number, bank_reference, "
      "items, note, receipt_year, receipt_number, recorded_by) SELECT t.id, t.campaign_id, $1, $2, "
      "t.donor_id, t.channel, t.amount, t.received_on::date, NULLIF(t.mobiliser_id, ''), "
      "NULLIF(t.account, ''), NULLIF(t.reference, ''), t.items::jsonb, t.note, $3, "
      "$4::bigint - 1 + t.n, t.recorded_by FROM unnest($5::bigint[], $6::text[], $7::bigint[], "
      "$8::text[], $9::bigint[], $10::text[], $11::text[], $12::text[], $13::text[], "
      "$14::text[], $15::text[], $16::text[]) WITH ORDINALITY AS t(id, campaign_id, donor_id, "
      "channel, amount, received_on, mobiliser_id, account, reference, items, note, "
      "recorded_by, n) ORDER BY t.n ON CONFLICT (fund_id, receipt_year, receipt_number) "
      "WHERE receipt_number IS NOT NULL DO NOTHING RETURNING 1), "
      "events AS (" +
          platform::events::OutboxWriter::insert_sql(20) + ") SELECT count(*) FROM donations");
  // Moves the counter from $3 to $4 and says whether it did. FOR UPDATE waits for a batch
  // holding the row and then reads what that batch committed; a plain UPDATE ... WHERE
  // last_number = $3 would judge the condition on the value from before that batch and skip
  // the row without waiting.
  c.prepare("receipt_counter_continue",
            "WITH held AS (SELECT last_number FROM receipt_counter WHERE fund_id = $1 AND "
            "year = $2 FOR UPDATE), moved AS (UPDATE receipt_counter SET last_number = $4 "
            "WHERE fund_id = $1 AND year = $2 AND (SELECT last_number FROM held) = $3 "
            "RETURNING 1) SELECT EXISTS (SELECT 1 FROM moved)");

  // Bulk intake. A payroll list's lines, a batch at a time: those whose key is new are inserted
  // and their CSV lines returned.
  c.prepare("donation_id_next", "SELECT nextval('donation_id_seq')");
  c.prepare("payroll_line_insert",
            "INSERT INTO payroll_line (line_key, donation_id, line, full_name, citizen_id_hash, "
            "citizen_id_mask, amount_dong, note) SELECT decode(k, 'hex'), $1, l, n, "
            "decode(NULLIF(h, ''), 'hex'), NULLIF(m, ''), a, t FROM unnest($2::text[], "
            "$3::bigint[], $4::text[], $5::text[], $6::text[], $7::bigint[], $8::text[]) "
            "AS r(k, l, n, h, m, a, t) ON CONFLICT (line_key) DO NOTHING RETURNING line");
  // The list's donor: the agency that collected it, as a donor of kind agency.
  c.prepare("agency_donor_insert",
            "INSERT INTO donor (kind, name) SELECT 'agency', name FROM mobiliser WHERE id = $1 "
            "RETURNING id");
  // A block of numbers from the counter (take_receipt_numbers): its row stays locked until
  // commit, and a rollback gives the numbers back.
  c.prepare("receipt_block",
            "INSERT INTO receipt_counter (fund_id, year, last_number) VALUES ($1, $2, $3) "
            "ON CONFLICT (fund_id, year) DO UPDATE SET last_number = receipt_counter.last_number "
            "+ $3 RETURNING last_number");
  c.prepare("payroll_donation_insert",
            "INSERT INTO donation (id, campaign_id, fund_id, unit_code, donor_id, channel, "
            "amount_dong, received_on, mobiliser_id, note, receipt_year, receipt_number, "
            "recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, 'payroll', $6, $7, $8, $9, $10, "
            "$11, $12, clock_timestamp())");
  // The donations holding lines of the list already (at most 100: a list is rarely split more).
  c.prepare("payroll_line_donations",
            "SELECT DISTINCT donation_id FROM payroll_line WHERE line_key IN "
            "(SELECT decode(k, 'hex') FROM unnest($1::text[]) k) ORDER BY donation_id LIMIT 100");
  c.prepare("payroll_lines_page",
            "SELECT line, full_name, citizen_id_mask, amount_dong, note FROM payroll_line "
            "WHERE donation_id = $1 AND line > $2 ORDER BY line LIMIT $3");
  c.prepare("statement_known_references",
            "SELECT bank_reference FROM donation WHERE bank_account_number = $1 AND "
            "bank_reference = ANY($2::text[]) AND reverses_donation_id IS NULL");
  // Donations per fund, and beside them the fund's pledges: promised, and what is not yet given
  // (per pledge, so one over-fulfilled pledge does not hide another's shortfall). A fund with
  // pledges and no donation yet still has its row.
  c.prepare("campaign_totals",
            "WITH d AS (SELECT fund_id, count(*) FILTER (WHERE reverses_donation_id IS NULL AND "
            "channel <> 'direct_to_household') - count(*) FILTER (WHERE reverses_donation_id IS "
            "NOT NULL AND channel <> 'direct_to_household') AS n, "
            "COALESCE(sum(amount_dong) FILTER (WHERE channel NOT IN ('in_kind', "
            "'direct_to_household')), 0) AS cash, "
            "COALESCE(sum(amount_dong) FILTER (WHERE channel = 'in_kind'), 0) AS in_kind, "
            "COALESCE(sum(amount_dong) FILTER (WHERE channel = 'direct_to_household'), 0) "
            "AS direct "
            "FROM donation WHERE campaign_id = $1 GROUP BY fund_id), "
            "p AS (SELECT p.fund_id, sum(p.amount_dong) AS pledged, "
            "sum(GREATEST(p.amount_dong - COALESCE((SELECT sum(x.amount_dong) FROM donation x "
            "WHERE x.pledge_id = p.id), 0), 0)) AS outstanding "
            "FROM pledge p WHERE p.campaign_id = $1 GROUP BY p.fund_id) "
            "SELECT fund_id, COALESCE(d.n, 0), COALESCE(d.cash, 0), COALESCE(d.in_kind, 0), "
            "COALESCE(p.pledged, 0), COALESCE(p.outstanding, 0), COALESCE(d.direct, 0) "
            "FROM d FULL JOIN p USING (fund_id) ORDER BY fund_id");

  // Pledges. Donations naming one pledge queue on its lock (pledge rows are append-only, so no
  // FOR UPDATE), which keeps the "first fulfilled" decision and its event exact.
  c.prepare("pledge_lock",
            "SELECT pg_advisory_xact_lock(hashtextextended('vnn.donation.pledge.' || $1::text, "
            "0))");
  c.prepare("pledge_insert",
            "INSERT INTO pledge (campaign_id, fund_id, unit_code, donor_id, amount_dong, "
            "pledged_on, due_on, mobiliser_id, note, recorded_by) "
            "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id");
  c.prepare("pledge_terms",
            "SELECT campaign_id, fund_id, donor_id, amount_dong, pledged_on::text "
            "FROM pledge WHERE id = $1");
  // In id order, which is the order they were recorded in (recording takes pledge_lock).
  c.prepare("pledge_donations",
            "SELECT id, amount_dong FROM donation WHERE pledge_id = $1 ORDER BY id");
}

}  // namespace vnn::donation
