-- Tables of the probe test service.
CREATE TABLE entry (
  id          bigserial PRIMARY KEY,
  unit_code   text NOT NULL,
  amount_dong bigint NOT NULL CHECK (amount_dong > 0),
  note        text NOT NULL
);

-- One row per time this migration ran: the concurrent-start test expects exactly one.
CREATE TABLE migration_runs (ran_at timestamptz NOT NULL DEFAULT clock_timestamp());
INSERT INTO migration_runs DEFAULT VALUES;
