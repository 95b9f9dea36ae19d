-- Pledges: a donor's promise of an amount to a fund for a campaign, fulfilled later by donations
-- that name it. A pledge is a posted record (append-only for the runtime role): how much of it
-- was given, and so its status, is the sum of the donations naming it, reversals included, and
-- is never stored.

CREATE TABLE pledge (
  id           bigserial PRIMARY KEY,
  campaign_id  text NOT NULL,
  fund_id      text NOT NULL,
  unit_code    text NOT NULL,  -- the fund's unit, as on donations
  donor_id     bigint NOT NULL REFERENCES donor,
  amount_dong  bigint NOT NULL CHECK (amount_dong > 0),
  pledged_on   date NOT NULL,
  due_on       date CHECK (due_on >= pledged_on),
  mobiliser_id text REFERENCES mobiliser,
  note         text NOT NULL DEFAULT '',
  recorded_by  text NOT NULL,
  recorded_at  timestamptz NOT NULL DEFAULT now(),
  -- A pledge is to a fund that takes part in the campaign.
  FOREIGN KEY (campaign_id, fund_id) REFERENCES campaign_fund
);
CREATE INDEX pledge_campaign ON pledge (campaign_id, id);
CREATE INDEX pledge_fund ON pledge (fund_id, id);

-- A reversal copies its original's pledge_id, so the net sum per pledge is a plain sum.
ALTER TABLE donation ADD COLUMN pledge_id bigint REFERENCES pledge;
CREATE INDEX donation_pledge ON donation (pledge_id, id) WHERE pledge_id IS NOT NULL;
