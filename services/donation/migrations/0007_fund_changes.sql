-- Fund changes (renamed, an account opened, an account closed): the fund row holds what is in
-- force, its version counts changes (created = 1) for the events' aggregate version and for
-- callers' optimistic concurrency, and every change is kept with who, when, why and what.
ALTER TABLE fund ADD COLUMN version integer NOT NULL DEFAULT 1;

-- A closed account stays: donations recorded into it keep naming it, and its number is never
-- given to another fund. From closed_on on it takes no transfer.
ALTER TABLE fund_account ADD COLUMN closed_on date;

CREATE TABLE fund_change (
  fund_id    text NOT NULL REFERENCES fund,
  version    integer NOT NULL,
  reason     text NOT NULL,
  changed_by text NOT NULL,
  changed_at timestamptz NOT NULL DEFAULT now(),
  before     jsonb NOT NULL,  -- the fund as it was (protobuf JSON)
  changes    jsonb NOT NULL,  -- what this change did: name, accounts opened, accounts closed
  PRIMARY KEY (fund_id, version)
);
