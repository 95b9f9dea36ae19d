-- Household review: the registry of poor and near-poor households, the communes' submissions
-- for a campaign, the district's review, duplicates, assignments and outcomes.
--
-- Personal data (Decree 13/2023/NĐ-CP): a citizen id is kept only as a keyed hash (to find the
-- same person anywhere) and a sealed value (AES-GCM, key from configuration); names stay in
-- clear because the district must read and search them, and are masked for everyone else.
-- The unaccent and pg_trgm extensions are created by the platform (ServiceDefinition::extensions).


-- The comparison form of a Vietnamese name or hamlet: without diacritics (đ → d), lower case,
-- without spaces, so "Nguyễn Văn  An", "Nguyen Van An" and "NguyễnVăn An" compare equal.
-- unaccent() is only STABLE (its dictionary could change); pinning the dictionary makes the
-- wrapper safe to declare IMMUTABLE for stored keys.
CREATE FUNCTION name_key(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT lower(regexp_replace(public.unaccent('public.unaccent'::regdictionary, $1),
                                    '\s+', '', 'g')) $$;

-- What this service knows of campaigns, from the donation service's events.
CREATE TABLE campaign (
  id text PRIMARY KEY,
  name text NOT NULL,
  unit_code text NOT NULL,
  starts_on date NOT NULL,
  ends_on date NOT NULL,
  household_lists_due date,
  learned_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE household (
  id bigserial PRIMARY KEY,
  household_code text NOT NULL,
  unit_code text NOT NULL,
  hamlet text NOT NULL,
  hamlet_key text NOT NULL,
  address_sealed bytea,
  poverty_status text NOT NULL CHECK (poverty_status IN ('poor', 'near_poor')),
  poverty_standard text NOT NULL,
  classified_year int NOT NULL,
  housing text NOT NULL CHECK (housing IN ('temporary', 'non_durable', 'durable')),
  meritorious_member boolean NOT NULL DEFAULT false,
  sudden_hardship text NOT NULL DEFAULT '',
  vulnerabilities text[] NOT NULL DEFAULT '{}',
  head_masked_name text NOT NULL,
  merged_into_id bigint REFERENCES household (id),
  escaped_poverty boolean NOT NULL DEFAULT false,
  -- Version of the household's event stream (registered = 1); bumping it also locks the row,
  -- so two changes to one household never interleave.
  event_version int NOT NULL DEFAULT 1,
  registered_by text NOT NULL,
  registered_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (unit_code, household_code)
);
CREATE INDEX household_unit ON household (unit_code, id);

-- Heads (ordinal 0) and members.
CREATE TABLE person (
  id bigserial PRIMARY KEY,
  household_id bigint NOT NULL REFERENCES household (id),
  ordinal int NOT NULL,
  relation text NOT NULL,
  full_name text NOT NULL,
  masked_name text NOT NULL,
  name_key text NOT NULL,
  hamlet_key text NOT NULL,
  birth_year int NOT NULL,
  citizen_hash bytea,
  citizen_sealed bytea,
  citizen_masked text,
  UNIQUE (household_id, ordinal)
);
CREATE INDEX person_citizen ON person (citizen_hash) WHERE citizen_hash IS NOT NULL;
-- Fuzzy candidates share the hamlet and the birth year: the btree narrows to a handful of rows
-- before any similarity is computed, so a check stays fast at a province's size.
CREATE INDEX person_hamlet_year ON person (hamlet_key, birth_year);
CREATE INDEX person_name_trgm ON person USING gin (name_key public.gin_trgm_ops);

CREATE TABLE submission (
  id bigserial PRIMARY KEY,
  campaign_id text NOT NULL REFERENCES campaign (id),
  unit_code text NOT NULL,
  version int NOT NULL,
  proposal_reference text NOT NULL,
  late boolean NOT NULL,
  deadline date,
  submitted_by text NOT NULL,
  submitted_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (campaign_id, unit_code, version)
);

CREATE TABLE submission_household (
  submission_id bigint NOT NULL REFERENCES submission (id),
  household_id bigint NOT NULL REFERENCES household (id),
  PRIMARY KEY (submission_id, household_id)
);

-- A district officer's decision to review a late list anyway.
CREATE TABLE late_override (
  submission_id bigint PRIMARY KEY REFERENCES submission (id),
  override_by text NOT NULL,
  reason text NOT NULL,
  override_at timestamptz NOT NULL DEFAULT now()
);

-- Where one household's review in one campaign stands now; how it got there is in
-- candidacy_transition, which is never changed.
CREATE TABLE candidacy (
  campaign_id text NOT NULL REFERENCES campaign (id),
  household_id bigint NOT NULL REFERENCES household (id),
  submission_id bigint NOT NULL REFERENCES submission (id),
  unit_code text NOT NULL,
  state text NOT NULL
    CHECK (state IN ('submitted', 'approved', 'rejected', 'returned', 'withdrawn')),
  submitted_by text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (campaign_id, household_id)
);
CREATE INDEX candidacy_unit ON candidacy (campaign_id, unit_code, state);

CREATE TABLE candidacy_transition (
  id bigserial PRIMARY KEY,
  campaign_id text NOT NULL,
  household_id bigint NOT NULL,
  from_state text,
  to_state text NOT NULL,
  actor text NOT NULL,
  reason text NOT NULL DEFAULT '',
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX candidacy_transition_of ON candidacy_transition (campaign_id, household_id, id);

-- A pair of households that may be one; household_id < other_household_id.
CREATE TABLE duplicate_candidate (
  id bigserial PRIMARY KEY,
  household_id bigint NOT NULL REFERENCES household (id),
  other_household_id bigint NOT NULL REFERENCES household (id),
  reason text NOT NULL CHECK (reason IN ('citizen_id', 'similar_name')),
  similarity real NOT NULL,
  found_at timestamptz NOT NULL DEFAULT now(),
  CHECK (household_id < other_household_id),
  UNIQUE (household_id, other_household_id)
);
CREATE INDEX duplicate_candidate_other ON duplicate_candidate (other_household_id);

CREATE TABLE duplicate_decision (
  candidate_id bigint PRIMARY KEY REFERENCES duplicate_candidate (id),
  decision text NOT NULL CHECK (decision IN ('duplicate', 'not_duplicate')),
  keep_household_id bigint,
  decided_by text NOT NULL,
  reason text NOT NULL,
  decided_at timestamptz NOT NULL DEFAULT now()
);

-- The one member organisation responsible for an approved household, now; every assignment
-- ever made is in assignment_history.
CREATE TABLE assignment (
  campaign_id text NOT NULL,
  household_id bigint NOT NULL REFERENCES household (id),
  organisation_id text NOT NULL,
  assigned_by text NOT NULL,
  assigned_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (campaign_id, household_id)
);
CREATE INDEX assignment_organisation ON assignment (organisation_id);

CREATE TABLE assignment_history (
  id bigserial PRIMARY KEY,
  campaign_id text NOT NULL,
  household_id bigint NOT NULL,
  organisation_id text NOT NULL,
  previous_organisation_id text,
  reason text NOT NULL DEFAULT '',
  assigned_by text NOT NULL,
  assigned_at timestamptz NOT NULL DEFAULT now()
);

-- Support a household received, as other services announce it; two channels for one need
-- show up in the coverage report.
CREATE TABLE support_seen (
  channel text NOT NULL,  -- 'donation.direct', 'allocation'
  reference text NOT NULL,
  household_id bigint NOT NULL,
  campaign_id text NOT NULL,
  need text NOT NULL,
  seen_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (channel, reference)
);
CREATE INDEX support_seen_household ON support_seen (campaign_id, household_id);

CREATE TABLE outcome (
  household_id bigint PRIMARY KEY REFERENCES household (id),
  escaped_on date NOT NULL,
  support_summary text NOT NULL,
  support_references text[] NOT NULL DEFAULT '{}',
  exemplary boolean NOT NULL,
  recorded_by text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now()
);
