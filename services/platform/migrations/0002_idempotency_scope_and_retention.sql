-- Idempotency keys belong to their caller (AIP-155 scopes a request id to the client that made
-- it): keyed per method and subject, so one caller can neither block nor read another's id.
ALTER TABLE idempotency_key DROP CONSTRAINT idempotency_key_pkey;
ALTER TABLE idempotency_key ADD PRIMARY KEY (method, subject, request_id);

-- Rows the retention task prunes (rpc/retention.cc), found by age.
CREATE INDEX idempotency_key_created_at ON idempotency_key (created_at);
CREATE INDEX inbox_processed_at ON inbox (processed_at);
ALTER TABLE consumer_cursor ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
CREATE INDEX consumer_cursor_updated_at ON consumer_cursor (updated_at);
