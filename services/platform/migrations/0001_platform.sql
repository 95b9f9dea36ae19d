-- The platform's tables, created in every service's own schema (search_path is that schema).

-- Transactional outbox: an event is written in the same transaction as the change it describes;
-- the relay publishes it to JetStream (Nats-Msg-Id = event_id) and stamps published_at.
-- Published rows are kept for a retention period, because a JetStream acknowledgement from a
-- single nats-server is not fsynced: an operator can republish a range after a loss.
CREATE TABLE outbox (
  seq               bigserial PRIMARY KEY,
  event_id          uuid NOT NULL UNIQUE,
  subject           text NOT NULL,
  aggregate_type    text NOT NULL,
  aggregate_id      text NOT NULL,
  aggregate_version bigint NOT NULL,
  envelope          bytea NOT NULL,            -- serialized vnn.common.v1.EventEnvelope
  created_at        timestamptz NOT NULL DEFAULT now(),
  published_at      timestamptz
);
-- The relay's work queue: small, because published rows leave it.
CREATE INDEX outbox_unpublished ON outbox (seq) WHERE published_at IS NULL;
CREATE INDEX outbox_published_at ON outbox (published_at) WHERE published_at IS NOT NULL;

-- Inbox: one row per event a consumer has applied (or dead-lettered), written in the same
-- transaction as the effect, so a redelivered event is applied once.
CREATE TABLE inbox (
  consumer     text NOT NULL,
  event_id     text NOT NULL,             -- text: a malformed event must still be recordable
  subject      text NOT NULL,
  outcome      text NOT NULL CHECK (outcome IN ('applied', 'skipped', 'dead_lettered')),
  processed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (consumer, event_id)
);

-- The last version of each aggregate a consumer has applied: tells a repeat from a gap.
CREATE TABLE consumer_cursor (
  consumer          text NOT NULL,
  aggregate_type    text NOT NULL,
  aggregate_id      text NOT NULL,
  aggregate_version bigint NOT NULL,
  PRIMARY KEY (consumer, aggregate_type, aggregate_id)
);

-- Events that failed too many times: kept with their error, out of the way of the others.
CREATE TABLE dead_letter (
  id                bigserial PRIMARY KEY,
  consumer          text NOT NULL,
  event_id          text NOT NULL,
  subject           text NOT NULL,
  envelope          bytea NOT NULL,
  deliveries        integer NOT NULL,
  error             text NOT NULL,
  dead_lettered_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (consumer, event_id)
);

-- Idempotent mutations (Google AIP-155): the first result of each request id.
CREATE TABLE idempotency_key (
  method       text NOT NULL,
  request_id   text NOT NULL,
  subject      text NOT NULL,
  request_hash bytea NOT NULL,
  response     bytea,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (method, request_id)
);

-- Audit trail of every mutating call, allowed or refused. Append-only for the runtime role.
CREATE TABLE audit_log (
  id              bigserial PRIMARY KEY,
  occurred_at     timestamptz NOT NULL DEFAULT now(),
  subject         text NOT NULL,
  role            text NOT NULL,
  unit_codes      text[] NOT NULL,
  method          text NOT NULL,
  request_id      text NOT NULL,
  correlation_id  text NOT NULL,
  outcome         text NOT NULL CHECK (outcome IN ('ok', 'refused', 'failed')),
  status_code     text NOT NULL,
  detail          text NOT NULL DEFAULT '',
  changes         jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX audit_log_subject ON audit_log (subject, occurred_at);
