#include "statements.h"

#include <string>

namespace vnn::household_review {
namespace {

void prepare_registry(pqxx::connection& c) {
  // Arrays in, one row per household; existing codes are skipped (a re-import adds nothing).
  c.prepare("household_insert_batch",
            "INSERT INTO household (household_code, unit_code, hamlet, hamlet_key, "
            "address_sealed, poverty_status, poverty_standard, classified_year, housing, "
            "meritorious_member, sudden_hardship, vulnerabilities, head_masked_name, "
            "registered_by) "
            "SELECT t.c, $1, t.h, name_key(t.h), decode(NULLIF(t.a, ''), 'hex'), t.s, t.st, t.y, "
            "t.ho, t.m, t.hd, t.v::text[], t.mk, $13 "
            "FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[], "
            "$8::text[], $9::bool[], $10::text[], $11::text[], $12::text[]) "
            "AS t(c, h, a, s, st, y, ho, m, hd, v, mk) "
            "ON CONFLICT (unit_code, household_code) DO NOTHING RETURNING id, household_code");
  // Persons carry their household's id: the caller maps codes to the ids just returned, so
  // this is a lookup by primary key per person. Matching them by code in SQL instead let the
  // planner, which cannot see the arrays' sizes, compare every person with every household of
  // the batch (12 million comparisons for 2,000 households).
  c.prepare("person_insert_batch",
            "INSERT INTO person (household_id, ordinal, relation, full_name, masked_name, "
            "name_key, hamlet_key, birth_year, citizen_hash, citizen_sealed, citizen_masked) "
            "SELECT h.id, p.o, p.r, p.n, p.mn, name_key(p.n), h.hamlet_key, p.b, "
            "decode(NULLIF(p.hh, ''), 'hex'), decode(NULLIF(p.s, ''), 'hex'), NULLIF(p.m, '') "
            "FROM unnest($1::bigint[], $2::int[], $3::text[], $4::text[], $5::text[], $6::int[], "
            "$7::text[], $8::text[], $9::text[]) AS p(id, o, r, n, mn, b, hh, s, m) "
            "CROSS JOIN LATERAL (SELECT id, hamlet_key FROM household WHERE id = p.id OFFSET 0) h");
  c.prepare("household_get",
            "SELECT household_code, unit_code, hamlet, encode(address_sealed, 'hex'), "
            "poverty_status, poverty_standard, classified_year, housing, meritorious_member, "
            "sudden_hardship, vulnerabilities, merged_into_id, escaped_poverty, registered_by, "
            "EXTRACT(EPOCH FROM registered_at)::bigint FROM household WHERE id = $1");
  c.prepare("person_list",
            "SELECT ordinal, relation, full_name, masked_name, birth_year, "
            "encode(citizen_sealed, 'hex'), citizen_masked FROM person WHERE household_id = $1 "
            "ORDER BY ordinal");
  c.prepare("household_summary",
            "SELECT unit_code, head_masked_name, poverty_status, housing, meritorious_member, "
            "sudden_hardship, merged_into_id FROM household WHERE id = $1");
  c.prepare("household_facts",
            "SELECT merged_into_id, escaped_poverty FROM household WHERE id = $1");
  c.prepare("household_bump_version",
            "UPDATE household SET event_version = event_version + 1 WHERE id = $1 "
            "RETURNING event_version");
  c.prepare("household_lock", "SELECT 1 FROM household WHERE id = $1 FOR UPDATE");
  // Several households at once, always in id order, so that two calls locking overlapping sets
  // never wait on each other in a cycle; each with whether it was merged away, read after its
  // lock is taken.
  c.prepare("household_pair_lock",
            "SELECT id, merged_into_id IS NOT NULL FROM household WHERE id IN ($1, $2) "
            "ORDER BY id FOR UPDATE");
  // SubmitList's: the households listed ($3) and those the commune ($2) put forward for the
  // campaign ($1) before.
  c.prepare("households_lock_for_list",
            "SELECT id FROM household WHERE id = ANY($3::bigint[]) OR id IN (SELECT household_id "
            "FROM candidacy WHERE campaign_id = $1 AND unit_code = $2) ORDER BY id FOR UPDATE");
  c.prepare("household_merge", "UPDATE household SET merged_into_id = $2 WHERE id = $1");
  c.prepare("household_mark_escaped", "UPDATE household SET escaped_poverty = true WHERE id = $1");
}

// The registry grows from nothing to a province during one import, and autovacuum analyses it
// rarely meanwhile: left to the statistics, the planner turned these joins round mid-import and
// scanned every registered person once per batch (docs/benchmarks.md). Each statement below
// therefore fixes its own shape: the batch's persons are fetched by household id, and for each
// of them an index range of possible matches is read (`OFFSET 0` keeps a lateral subquery from
// being flattened and reordered). The merged-household test is a primary-key lookup per match.
constexpr const char* kBatchPersons =
    "WITH n AS MATERIALIZED (SELECT p.* FROM unnest($1::bigint[]) AS b(id) CROSS JOIN LATERAL "
    "(SELECT household_id, hamlet_key, birth_year, name_key, citizen_hash FROM person "
    "WHERE household_id = b.id OFFSET 0) p) ";
constexpr const char* kNotMerged =
    "AND (SELECT merged_into_id FROM household WHERE id = o.household_id) IS NULL ";

void prepare_duplicates(pqxx::connection& c) {
  c.prepare("duplicate_record_citizen_id",
            std::string(kBatchPersons) +
                ", found AS (INSERT INTO duplicate_candidate (household_id, other_household_id, "
                "reason, similarity) "
                "SELECT DISTINCT LEAST(n.household_id, o.household_id), "
                "GREATEST(n.household_id, o.household_id), 'citizen_id', 1 "
                "FROM n CROSS JOIN LATERAL (SELECT o.household_id FROM person o "
                "WHERE o.citizen_hash = n.citizen_hash AND o.household_id <> n.household_id " +
                kNotMerged +
                "OFFSET 0) o WHERE n.citizen_hash IS NOT NULL "
                "ON CONFLICT DO NOTHING RETURNING 1) SELECT count(*) FROM found");
  // Same hamlet, birth year and first letter first (an index range), then the trigram
  // similarity of names without diacritics; two different citizen ids are two people.
  c.prepare("duplicate_record_similar_name",
            std::string(kBatchPersons) +
                ", found AS (INSERT INTO duplicate_candidate (household_id, other_household_id, "
                "reason, similarity) "
                "SELECT LEAST(n.household_id, o.household_id), "
                "GREATEST(n.household_id, o.household_id), 'similar_name', max(o.similarity) "
                "FROM n CROSS JOIN LATERAL (SELECT o.household_id, "
                "public.similarity(n.name_key, o.name_key) AS similarity FROM person o "
                "WHERE o.hamlet_key = n.hamlet_key AND o.birth_year = n.birth_year "
                "AND left(o.name_key, 1) = left(n.name_key, 1) "
                "AND o.household_id <> n.household_id "
                "AND NOT (n.citizen_hash IS NOT NULL AND o.citizen_hash IS NOT NULL "
                "AND n.citizen_hash <> o.citizen_hash) "
                "AND public.similarity(n.name_key, o.name_key) >= $2 " +
                kNotMerged +
                "OFFSET 0) o "
                "GROUP BY 1, 2 ON CONFLICT DO NOTHING RETURNING 1) SELECT count(*) FROM found");
  // $6: the caller sees every unit, else $7 the units whose households it sees (citizen-id
  // matches); $8 the units whose hamlets a name is compared in (the unit checked for and the
  // units merged into it).
  c.prepare("duplicate_find",
            "SELECT o.household_id, h.unit_code, 'citizen_id', 1::float8, h.head_masked_name "
            "FROM person o JOIN household h ON h.id = o.household_id "
            "WHERE h.merged_into_id IS NULL AND ($6 OR h.unit_code = ANY($7::text[])) "
            "AND o.citizen_hash IN "
            "(SELECT decode(x, 'hex') FROM unnest($1::text[]) x WHERE x <> '') "
            "UNION ALL "
            "SELECT o.household_id, h.unit_code, 'similar_name', "
            "public.similarity(o.name_key, name_key(p.n))::float8, h.head_masked_name "
            "FROM unnest($2::text[], $3::int[], $1::text[]) AS p(n, y, hh) "
            "JOIN person o ON o.hamlet_key = name_key($4) AND o.birth_year = p.y "
            "AND left(o.name_key, 1) = left(name_key(p.n), 1) "
            "JOIN household h ON h.id = o.household_id AND h.merged_into_id IS NULL "
            "AND h.unit_code = ANY($8::text[]) "
            "WHERE public.similarity(o.name_key, name_key(p.n)) >= $5 "
            "AND NOT (p.hh <> '' AND o.citizen_hash IS NOT NULL "
            "AND o.citizen_hash <> decode(p.hh, 'hex'))");
  c.prepare("duplicate_open_of",
            "SELECT 1 FROM duplicate_candidate c WHERE (c.household_id = $1 OR "
            "c.other_household_id = $1) AND NOT EXISTS (SELECT 1 FROM duplicate_decision d "
            "WHERE d.candidate_id = c.id) LIMIT 1");
  c.prepare("duplicate_get",
            "SELECT c.household_id, c.other_household_id, c.reason, c.similarity, a.unit_code, "
            "b.unit_code, a.head_masked_name, b.head_masked_name, d.decision, d.decided_by, "
            "d.reason, EXTRACT(EPOCH FROM d.decided_at)::bigint "
            "FROM duplicate_candidate c JOIN household a ON a.id = c.household_id "
            "JOIN household b ON b.id = c.other_household_id "
            "LEFT JOIN duplicate_decision d ON d.candidate_id = c.id WHERE c.id = $1");
  c.prepare("duplicate_lock", "SELECT 1 FROM duplicate_candidate WHERE id = $1 FOR UPDATE");
  c.prepare("duplicate_decision_insert",
            "INSERT INTO duplicate_decision (candidate_id, decision, keep_household_id, "
            "decided_by, reason) VALUES ($1, $2, $3, $4, $5)");
}

void prepare_review(pqxx::connection& c) {
  c.prepare("campaign_get",
            "SELECT name, unit_code, starts_on::text, ends_on::text, household_lists_due::text "
            "FROM campaign WHERE id = $1");
  c.prepare("campaign_upsert",
            "INSERT INTO campaign (id, name, unit_code, starts_on, ends_on, household_lists_due) "
            "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO UPDATE SET name = $2, "
            "unit_code = $3, starts_on = $4, ends_on = $5, household_lists_due = $6, "
            "learned_at = now()");
  c.prepare("submission_get",
            "SELECT s.campaign_id, s.unit_code, s.version, s.proposal_reference, s.late, "
            "s.deadline::text, s.submitted_by, EXTRACT(EPOCH FROM s.submitted_at)::bigint, "
            "o.override_by, o.reason, EXTRACT(EPOCH FROM o.override_at)::bigint, "
            "s.received_on::text "
            "FROM submission s LEFT JOIN late_override o ON o.submission_id = s.id "
            "WHERE s.id = $1");
  c.prepare("submission_received_on", "SELECT received_on::text FROM submission WHERE id = $1");
  c.prepare("submission_households",
            "SELECT household_id FROM submission_household WHERE submission_id = $1 "
            "ORDER BY household_id");
  c.prepare("submission_lock",
            "SELECT pg_advisory_xact_lock(hashtextextended('vnn.household.submission.' || $1 || "
            "'.' || $2, 0))");
  c.prepare("submission_latest",
            "SELECT id, version FROM submission WHERE campaign_id = $1 AND unit_code = $2 "
            "ORDER BY version DESC LIMIT 1");
  c.prepare("submission_insert",
            "INSERT INTO submission (campaign_id, unit_code, version, proposal_reference, late, "
            "deadline, submitted_by, received_on) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) "
            "RETURNING id");
  c.prepare("submission_households_insert",
            "INSERT INTO submission_household (submission_id, household_id) "
            "SELECT $1, unnest($2::bigint[])");
  c.prepare("late_override_insert",
            "INSERT INTO late_override (submission_id, override_by, reason) VALUES ($1, $2, $3)");
  c.prepare("candidacy_get",
            "SELECT c.submission_id, c.state, c.unit_code, h.head_masked_name, a.organisation_id "
            "FROM candidacy c JOIN household h ON h.id = c.household_id "
            "LEFT JOIN assignment a ON a.campaign_id = c.campaign_id "
            "AND a.household_id = c.household_id "
            "WHERE c.campaign_id = $1 AND c.household_id = $2");
  c.prepare("candidacy_history",
            "SELECT from_state, to_state, actor, reason, EXTRACT(EPOCH FROM at)::bigint "
            "FROM candidacy_transition WHERE campaign_id = $1 AND household_id = $2 ORDER BY id");
  c.prepare("candidacy_set_state",
            "UPDATE candidacy SET state = $3, updated_at = now() "
            "WHERE campaign_id = $1 AND household_id = $2");
  c.prepare("candidacy_transition_insert",
            "INSERT INTO candidacy_transition (campaign_id, household_id, from_state, to_state, "
            "actor, reason) VALUES ($1, $2, $3, $4, $5, $6)");
  c.prepare("candidacy_reviewed_in_unit",
            "SELECT 1 FROM candidacy WHERE campaign_id = $1 AND unit_code = $2 "
            "AND state IN ('approved', 'rejected', 'returned') LIMIT 1");
  c.prepare("candidacy_left_out",
            "SELECT household_id, state FROM candidacy WHERE campaign_id = $1 AND unit_code = $2 "
            "AND state <> 'withdrawn' AND NOT household_id = ANY($3::bigint[])");
  c.prepare("candidacy_states",
            "SELECT household_id, state FROM candidacy WHERE campaign_id = $1 "
            "AND household_id = ANY($2::bigint[])");
  c.prepare("candidacy_upsert",
            "WITH before AS (SELECT state FROM candidacy WHERE campaign_id = $1 "
            "AND household_id = $2) "
            "INSERT INTO candidacy (campaign_id, household_id, submission_id, unit_code, state, "
            "submitted_by) VALUES ($1, $2, $3, $4, 'submitted', $5) "
            "ON CONFLICT (campaign_id, household_id) DO UPDATE SET submission_id = $3, "
            "state = 'submitted', submitted_by = $5, updated_at = now() "
            "RETURNING (SELECT state FROM before)");
  c.prepare("candidacy_set_submitter",
            "UPDATE candidacy SET submitted_by = $3 WHERE campaign_id = $1 AND household_id = $2");
  c.prepare("candidacy_submitter",
            "SELECT submitted_by FROM candidacy WHERE campaign_id = $1 AND household_id = $2");
  c.prepare("candidacy_active_of",
            "SELECT campaign_id, state FROM candidacy WHERE household_id = $1 "
            "AND state <> 'withdrawn'");
  // Meritorious service first, then temporary and non-durable housing, then poor before
  // near-poor, sudden hardship, and the order of registration. $2/$3: everywhere or the
  // caller's units; $4/$5: no unit asked for or the units below it; a page by OFFSET/LIMIT.
  c.prepare("approved_ranked",
            "SELECT h.id, h.unit_code, h.head_masked_name, h.meritorious_member, h.housing, "
            "h.poverty_status, h.sudden_hardship <> '' FROM candidacy c "
            "JOIN household h ON h.id = c.household_id "
            "WHERE c.campaign_id = $1 AND c.state = 'approved' "
            "AND ($2 OR h.unit_code = ANY($3::text[])) AND ($4 OR h.unit_code = ANY($5::text[])) "
            "ORDER BY h.meritorious_member DESC, "
            "CASE h.housing WHEN 'temporary' THEN 0 WHEN 'non_durable' THEN 1 ELSE 2 END, "
            "CASE h.poverty_status WHEN 'poor' THEN 0 ELSE 1 END, "
            "(h.sudden_hardship <> '') DESC, h.id OFFSET $6 LIMIT $7");
}

void prepare_assignment(pqxx::connection& c) {
  c.prepare("assignment_of_organisation",
            "SELECT 1 FROM assignment WHERE household_id = $1 AND organisation_id = $2 LIMIT 1");
  c.prepare("assignment_upsert",
            "INSERT INTO assignment (campaign_id, household_id, organisation_id, assigned_by) "
            "VALUES ($1, $2, $3, $4) ON CONFLICT (campaign_id, household_id) DO UPDATE SET "
            "organisation_id = $3, assigned_by = $4, assigned_at = now()");
  c.prepare("assignment_history_insert",
            "INSERT INTO assignment_history (campaign_id, household_id, organisation_id, "
            "previous_organisation_id, reason, assigned_by) VALUES ($1, $2, $3, $4, $5, $6) "
            "RETURNING EXTRACT(EPOCH FROM assigned_at)::bigint");
  // $2: the units whose households the coverage is of (the unit asked for and those below it).
  c.prepare("coverage_totals",
            "SELECT h.unit_code, count(*), count(a.organisation_id) FROM candidacy c "
            "JOIN household h ON h.id = c.household_id "
            "LEFT JOIN assignment a ON a.campaign_id = c.campaign_id "
            "AND a.household_id = c.household_id "
            "WHERE c.campaign_id = $1 AND c.state = 'approved' AND h.unit_code = ANY($2::text[]) "
            "GROUP BY h.unit_code ORDER BY h.unit_code");
  // A page of the approved households no organisation was assigned to: ids after $3.
  c.prepare("coverage_gaps",
            "SELECT h.id, h.unit_code, h.head_masked_name FROM candidacy c "
            "JOIN household h ON h.id = c.household_id "
            "WHERE c.campaign_id = $1 AND c.state = 'approved' AND h.unit_code = ANY($2::text[]) "
            "AND h.id > $3 AND NOT EXISTS (SELECT 1 FROM assignment a WHERE "
            "a.campaign_id = c.campaign_id AND a.household_id = c.household_id) "
            "ORDER BY h.id LIMIT $4");
  c.prepare("coverage_overlaps",
            "SELECT h.id, h.unit_code, h.head_masked_name, s.need, "
            "array_agg(DISTINCT s.channel ORDER BY s.channel), "
            "array_agg(s.reference ORDER BY s.reference) "
            "FROM support_seen s JOIN household h ON h.id = s.household_id "
            "WHERE s.campaign_id = $1 AND h.unit_code = ANY($2::text[]) AND h.id > $3 "
            "AND ($4 OR h.id <= $5) "
            "GROUP BY h.id, h.unit_code, h.head_masked_name, s.need "
            "HAVING count(*) > 1 ORDER BY h.id");
  c.prepare("support_seen_insert",
            "INSERT INTO support_seen (channel, reference, household_id, campaign_id, need) "
            "VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING");
  c.prepare("support_seen_delete",
            "DELETE FROM support_seen WHERE channel = $1 AND reference = $2");
  c.prepare("outcome_insert",
            "INSERT INTO outcome (household_id, escaped_on, support_summary, support_references, "
            "exemplary, recorded_by) VALUES ($1, $2, $3, $4::text[], $5, $6) "
            "ON CONFLICT (household_id) DO NOTHING "
            "RETURNING EXTRACT(EPOCH FROM recorded_at)::bigint");
}

}  // namespace

void prepare_statements(pqxx::connection& connection) {
  prepare_registry(connection);
  prepare_duplicates(connection);
  prepare_review(connection);
  prepare_assignment(connection);
}

}  // namespace vnn::household_review
