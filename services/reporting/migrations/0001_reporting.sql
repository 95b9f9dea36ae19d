-- Reporting: read models kept from the other services' events. Nothing here is a fact of its
-- own except results_report (a commune sent its report); everything else can be rebuilt from
-- the stream (drop the rows, reset the consumers).
--
-- Figures are pre-aggregated per campaign and LEAF unit (the unit a record names, as it was):
-- a district's progress sums its communes' rows, and the restated view maps each leaf to
-- today's unit before summing, so history itself is never rewritten.

-- How fresh the read models are: events applied so far, the last one, and when.
CREATE TABLE freshness (
  id int PRIMARY KEY CHECK (id = 1),
  events_applied bigint NOT NULL DEFAULT 0,
  last_event_id text NOT NULL DEFAULT '',
  event_at timestamptz,
  applied_at timestamptz
);
INSERT INTO freshness (id) VALUES (1);

CREATE TABLE campaign (
  campaign_id text PRIMARY KEY,
  name text NOT NULL,
  unit_code text NOT NULL,
  starts_on date NOT NULL,
  ends_on date NOT NULL,
  household_lists_due date,
  results_report_due date
);

CREATE TABLE campaign_target (
  campaign_id text NOT NULL,
  unit_code text NOT NULL,
  amount bigint NOT NULL,
  houses int NOT NULL,
  PRIMARY KEY (campaign_id, unit_code)
);

CREATE TABLE mobiliser (
  mobiliser_id text PRIMARY KEY,
  name text NOT NULL,
  kind text NOT NULL,
  unit_code text NOT NULL
);

-- A fund's balances as the allocation service last announced them (its version orders them).
CREATE TABLE fund (
  fund_id text PRIMARY KEY,
  unit_code text NOT NULL,
  name text NOT NULL DEFAULT '',
  received bigint NOT NULL DEFAULT 0,
  reversed bigint NOT NULL DEFAULT 0,
  reserved bigint NOT NULL DEFAULT 0,
  disbursed bigint NOT NULL DEFAULT 0,
  available bigint NOT NULL DEFAULT 0,
  in_kind bigint NOT NULL DEFAULT 0,
  flagged_short boolean NOT NULL DEFAULT false,
  version bigint NOT NULL DEFAULT 0
);

-- Each donation as disclosure, commendation and reversals need it. donor_name is the public
-- name the donation service announced (empty for anonymous donors).
CREATE TABLE donation_fact (
  donation_id bigint PRIMARY KEY,
  campaign_id text NOT NULL,
  fund_id text NOT NULL,
  unit_code text NOT NULL,
  channel text NOT NULL,
  donor_id bigint NOT NULL,
  donor_kind text NOT NULL,
  donor_name text NOT NULL DEFAULT '',
  mobiliser_id text NOT NULL DEFAULT '',
  amount bigint NOT NULL,
  received_on date NOT NULL,
  household_id bigint NOT NULL DEFAULT 0,  -- direct support: the household
  reversed boolean NOT NULL DEFAULT false
);
CREATE INDEX donation_fact_fund ON donation_fact (fund_id, donation_id);
CREATE INDEX donation_fact_campaign_day ON donation_fact (campaign_id, received_on);

-- Pre-aggregated figures: per campaign, leaf unit, figure and key, a count and an amount.
--   received       key channel (cash, bank_transfer, payroll, in_kind)
--   received_kind  key donor kind
--   received_by    key mobiliser id
--   direct         key ''             support handed directly to households
--   households     key submitted, approved, rejected, returned, assigned, supported, late
--   approved       key support kind   count and fund amount approved (approved or later)
--   disbursed      key support kind   count and fund amount handed over
--   support_value  key support kind   all sources of the supports handed over
--   houses         key built, repaired (completed)
CREATE TABLE figure (
  campaign_id text NOT NULL,
  unit_code text NOT NULL,
  figure text NOT NULL,
  key text NOT NULL,
  count bigint NOT NULL DEFAULT 0,
  amount bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (campaign_id, unit_code, figure, key)
);

-- Donors and mobilisers by amount, for commendation (per leaf unit, rolled up when asked).
CREATE TABLE donor_total (
  campaign_id text NOT NULL,
  unit_code text NOT NULL,
  donor_id bigint NOT NULL,
  donor_name text NOT NULL,
  donor_kind text NOT NULL,
  count bigint NOT NULL DEFAULT 0,
  amount bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (campaign_id, unit_code, donor_id)
);
CREATE INDEX donor_total_rank ON donor_total (campaign_id, amount DESC);

CREATE TABLE mobiliser_total (
  campaign_id text NOT NULL,
  unit_code text NOT NULL,
  mobiliser_id text NOT NULL,
  count bigint NOT NULL DEFAULT 0,
  amount bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (campaign_id, unit_code, mobiliser_id)
);

-- A household in a campaign: where its review stands (the figures count states).
CREATE TABLE household_fact (
  campaign_id text NOT NULL,
  household_id bigint NOT NULL,
  unit_code text NOT NULL,
  masked_name text NOT NULL DEFAULT '',
  state text NOT NULL,
  late boolean NOT NULL DEFAULT false,
  organisation_id text NOT NULL DEFAULT '',
  PRIMARY KEY (campaign_id, household_id)
);

-- A commune's list reached the district (first household submitted), for the lagging units.
CREATE TABLE list_submission (
  campaign_id text NOT NULL,
  unit_code text NOT NULL,
  first_submitted_at timestamptz NOT NULL,
  late boolean NOT NULL,
  PRIMARY KEY (campaign_id, unit_code)
);

-- A support as the allocation service last announced it.
CREATE TABLE support_fact (
  support_id bigint PRIMARY KEY,
  campaign_id text NOT NULL,
  household_id bigint NOT NULL,
  unit_code text NOT NULL,
  masked_name text NOT NULL DEFAULT '',
  kind text NOT NULL,
  state text NOT NULL,
  fund_ids text[] NOT NULL DEFAULT '{}',
  from_funds bigint NOT NULL,
  total bigint NOT NULL,
  disbursed bigint NOT NULL DEFAULT 0,
  disbursed_on date,
  completed_on date,
  version int NOT NULL
);
CREATE INDEX support_fact_disbursed ON support_fact (disbursed_on, support_id)
  WHERE disbursed_on IS NOT NULL;

-- Funds' uses as disclosure shows them: one row per fund part handed over.
CREATE TABLE fund_use (
  support_id bigint NOT NULL,
  fund_id text NOT NULL,
  campaign_id text NOT NULL,
  household_id bigint NOT NULL,
  unit_code text NOT NULL,
  masked_name text NOT NULL,
  kind text NOT NULL,
  amount bigint NOT NULL,
  used_on date NOT NULL,
  id bigserial UNIQUE,
  PRIMARY KEY (support_id, fund_id)
);
CREATE INDEX fund_use_fund ON fund_use (fund_id, id);

CREATE TABLE supported_household (
  campaign_id text NOT NULL,
  household_id bigint NOT NULL,
  PRIMARY KEY (campaign_id, household_id)
);

-- The one fact of this service's own: a commune (or the district) sent its results report,
-- with the figures as they were.
CREATE TABLE results_report (
  campaign_id text NOT NULL,
  unit_code text NOT NULL,
  submitted_by text NOT NULL,
  submitted_at timestamptz NOT NULL DEFAULT now(),
  late boolean NOT NULL,
  note text NOT NULL DEFAULT '',
  snapshot jsonb NOT NULL,
  PRIMARY KEY (campaign_id, unit_code)
);

-- Reconciliation sums a campaign's supports and fund uses.
CREATE INDEX support_fact_campaign ON support_fact (campaign_id, state);
CREATE INDEX fund_use_campaign ON fund_use (campaign_id, fund_id);
