-- Allocation: support decisions under the fund's regulation, paid from a double-entry ledger.
--
-- The ledger follows two-phase transfers: an approval RESERVEs the fund parts of a support,
-- a disbursement POSTs the reservation (releasing what was not handed over), a cancellation
-- VOIDs it. Every posting is one row whose entries (account, signed amount; debits positive)
-- sum to zero, checked by the database. A fund's balance row carries the sums of its entries,
-- changed by the same transaction that writes the posting, with a conditional UPDATE for
-- reservations and a CHECK that no reservation can take the available balance below zero.

-- What this service knows of funds (from the donation service's events) and their balances.
-- received/reversed/reserved/disbursed/in_kind are the sums of the fund's entries on the
-- donations, reversals, reserved, disbursed and in-kind stock accounts (VerifyLedger compares).
CREATE TABLE fund (
  fund_id text PRIMARY KEY,
  seq bigserial UNIQUE,  -- the order lists page in
  unit_code text NOT NULL,
  name text NOT NULL DEFAULT '',
  -- The day the unit code is read on (codes are reused after mergers): scope checks use it.
  unit_on date NOT NULL,
  received bigint NOT NULL DEFAULT 0 CHECK (received >= 0),
  reversed bigint NOT NULL DEFAULT 0 CHECK (reversed >= 0),
  reserved bigint NOT NULL DEFAULT 0 CHECK (reserved >= 0),
  disbursed bigint NOT NULL DEFAULT 0 CHECK (disbursed >= 0),
  in_kind bigint NOT NULL DEFAULT 0 CHECK (in_kind >= 0),
  -- How far below zero reversals (facts, recorded whatever they leave) have taken the available
  -- balance. Only reversals raise it; donations and releases lower it; reservations never touch
  -- it. So "available + shortfall >= 0" lets a reversal leave the fund short but refuses, in
  -- the database, any reservation that would take it below zero or further below.
  shortfall bigint NOT NULL DEFAULT 0 CHECK (shortfall >= 0),
  available bigint GENERATED ALWAYS AS (received - reversed - reserved - disbursed) STORED,
  version bigint NOT NULL DEFAULT 0,  -- postings so far: the aggregate version of its events
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT reservations_never_overspend
    CHECK (received - reversed - reserved - disbursed + shortfall >= 0)
);
CREATE INDEX fund_unit ON fund (unit_code, fund_id);

-- What this service knows of campaigns, from the donation service's events.
CREATE TABLE campaign (
  campaign_id text PRIMARY KEY,
  unit_code text NOT NULL,
  name text NOT NULL,
  starts_on date NOT NULL,
  ends_on date NOT NULL
);

-- Households as household review's events show them: id, commune, masked name, flags.
CREATE TABLE household (
  household_id bigint PRIMARY KEY,
  unit_code text NOT NULL,
  masked_name text NOT NULL DEFAULT ''
);

-- Support given directly to a household by a sponsor (donation events with a household): never
-- in a fund's cash, but it lowers what a fund may add for the same need.
CREATE TABLE direct_support (
  donation_id bigint PRIMARY KEY,
  household_id bigint NOT NULL,
  campaign_id text NOT NULL,
  need text NOT NULL DEFAULT '',
  amount bigint NOT NULL CHECK (amount >= 0),
  reversed boolean NOT NULL DEFAULT false
);
CREATE INDEX direct_support_household ON direct_support (household_id, campaign_id);

-- One posting: a balanced set of entries on one fund's accounts. Accounts are the numbers of
-- vnn.allocation.v1.LedgerAccount; amounts are đồng, debits positive, credits negative.
CREATE FUNCTION entries_sum(bigint[]) RETURNS numeric
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT coalesce(sum(x), 0) FROM unnest($1) AS x $$;

CREATE TABLE posting (
  id bigserial PRIMARY KEY,
  fund_id text NOT NULL REFERENCES fund (fund_id),
  kind text NOT NULL
    CHECK (kind IN ('donation', 'reversal', 'in_kind', 'in_kind_reversal', 'reserve', 'post',
                    'void')),
  -- What caused it: "donation 12", "reversal 3", "support 45". A cause posts once per fund.
  reference text NOT NULL,
  campaign_id text,
  accounts smallint[] NOT NULL,
  amounts bigint[] NOT NULL,
  posted_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT entries_pair CHECK (cardinality(accounts) = cardinality(amounts)
                                 AND cardinality(accounts) >= 2),
  CONSTRAINT entries_balance CHECK (entries_sum(amounts) = 0),
  CONSTRAINT posts_once UNIQUE (fund_id, kind, reference)
);
CREATE INDEX posting_campaign ON posting (campaign_id, fund_id) WHERE campaign_id IS NOT NULL;
CREATE INDEX posting_fund ON posting (fund_id, id);

CREATE TABLE support (
  id bigserial PRIMARY KEY,
  campaign_id text NOT NULL,
  household_id bigint NOT NULL,
  unit_code text NOT NULL,
  -- The day the household's unit code is read on (as fund.unit_on): lists check the caller's
  -- scope on it. Not the proposal's day, which may be after the code was merged away.
  unit_on date NOT NULL,
  masked_name text NOT NULL DEFAULT '',
  kind text NOT NULL,
  -- Which of the max_per_campaign places of this kind it takes: with the unique index below,
  -- no household gets more active supports of a kind in a campaign than the regulation allows.
  slot smallint NOT NULL CHECK (slot >= 1),
  state text NOT NULL
    CHECK (state IN ('proposed', 'approved', 'disbursed', 'completed', 'cancelled')),
  regulation_version text NOT NULL,
  land_use_certificate text NOT NULL DEFAULT '',
  organisation_id text NOT NULL DEFAULT '',
  note text NOT NULL DEFAULT '',
  total bigint NOT NULL CHECK (total > 0),
  from_funds bigint NOT NULL CHECK (from_funds >= 0 AND from_funds <= total),
  disbursed bigint NOT NULL DEFAULT 0 CHECK (disbursed >= 0 AND disbursed <= from_funds),
  proposed_by text NOT NULL,
  proposed_on date NOT NULL,
  approved_by text,
  disbursed_on date,
  disbursement_evidence text,
  completed_on date,
  completion_evidence text,
  cancel_reason text,
  version int NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX support_active_slot ON support (campaign_id, household_id, kind, slot)
  WHERE state <> 'cancelled';
CREATE INDEX support_unit ON support (unit_code, id);
CREATE INDEX support_campaign_unit_state ON support (campaign_id, unit_code, state, id);
CREATE INDEX support_household ON support (household_id, id);

-- The parts of a support by source, as proposed. Only fund parts (fund_id set) touch the ledger.
CREATE TABLE support_funding (
  support_id bigint NOT NULL REFERENCES support (id),
  part_no smallint NOT NULL,
  source text NOT NULL
    CHECK (source IN ('district_fund', 'commune_fund', 'state_budget', 'sponsor', 'household')),
  fund_id text,
  amount bigint NOT NULL CHECK (amount > 0),
  sponsor text NOT NULL DEFAULT '',
  reference text NOT NULL DEFAULT '',
  PRIMARY KEY (support_id, part_no),
  CHECK ((source IN ('district_fund', 'commune_fund')) = (fund_id IS NOT NULL))
);

-- A reservation of one fund part, written by the approval; its resolution (post or void)
-- is a row of its own whose primary key lets it happen once.
CREATE TABLE reservation (
  id bigserial PRIMARY KEY,
  support_id bigint NOT NULL REFERENCES support (id),
  fund_id text NOT NULL REFERENCES fund (fund_id),
  amount bigint NOT NULL CHECK (amount > 0),
  reserved_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (support_id, fund_id),
  UNIQUE (id, amount)
);

CREATE TABLE reservation_resolution (
  reservation_id bigint PRIMARY KEY,
  amount bigint NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('posted', 'voided')),
  posted bigint NOT NULL CHECK (posted >= 0),
  released bigint NOT NULL CHECK (released >= 0),
  resolved_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (reservation_id, amount) REFERENCES reservation (id, amount),
  CHECK (posted + released = amount),
  CHECK (outcome = 'posted' OR posted = 0)
);

CREATE TABLE support_transition (
  support_id bigint NOT NULL REFERENCES support (id),
  seq int NOT NULL,
  from_state text,
  to_state text NOT NULL,
  by_subject text NOT NULL,
  note text NOT NULL DEFAULT '',
  at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (support_id, seq)
);
