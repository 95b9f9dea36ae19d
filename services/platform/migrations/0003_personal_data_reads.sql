-- Who read whose personal data in clear, when and through which method (Decree 13/2023/NĐ-CP,
-- accountability): one row per record a read call returned unmasked fields of, written in the
-- read's own transaction. Masked reads write nothing. Append-only for the runtime role.
CREATE TABLE personal_data_read (
  id              bigserial PRIMARY KEY,
  occurred_at     timestamptz NOT NULL DEFAULT now(),
  subject         text NOT NULL,
  role            text NOT NULL,
  unit_codes      text[] NOT NULL,
  method          text NOT NULL,
  correlation_id  text NOT NULL,
  record_kind     text NOT NULL,   -- 'household', 'donor'
  record_id       bigint NOT NULL
);
CREATE INDEX personal_data_read_record ON personal_data_read (record_kind, record_id, occurred_at);
CREATE INDEX personal_data_read_subject ON personal_data_read (subject, occurred_at);
