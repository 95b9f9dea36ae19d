-- Campaign changes (a deadline moved, a target raised, a fund joining): the campaign row holds
-- what is in force, its version counts changes (created = 1) for the events' aggregate
-- version, and every change is kept with who, when and why.
ALTER TABLE campaign ADD COLUMN version integer NOT NULL DEFAULT 1;

CREATE TABLE campaign_change (
  campaign_id text NOT NULL REFERENCES campaign,
  version     integer NOT NULL,
  reason      text NOT NULL,
  changed_by  text NOT NULL,
  changed_at  timestamptz NOT NULL DEFAULT now(),
  before      jsonb NOT NULL,  -- the campaign as it was (protobuf JSON)
  PRIMARY KEY (campaign_id, version)
);
