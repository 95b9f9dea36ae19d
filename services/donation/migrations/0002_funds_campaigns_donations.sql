-- Funds, campaigns, mobilisers, donors, donations and receipts.
-- Posted records (donation, receipt_print) are append-only for the service's runtime role:
-- a mistake is corrected by a reversal, which is a new donation row naming the original.

CREATE TABLE fund (
  id            text PRIMARY KEY,
  unit_code     text NOT NULL,
  unit_valid_on date NOT NULL,  -- a unit code names a unit only with a date
  name          text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE fund_account (
  fund_id        text NOT NULL REFERENCES fund,
  account_number text NOT NULL,
  account_name   text NOT NULL,
  bank           text NOT NULL,
  branch         text NOT NULL,
  PRIMARY KEY (account_number),   -- an account belongs to one fund
  UNIQUE (fund_id, account_number)
);

CREATE TABLE campaign (
  id         text PRIMARY KEY,
  name       text NOT NULL,
  unit_code  text NOT NULL,
  starts_on  date NOT NULL,
  ends_on    date NOT NULL CHECK (ends_on >= starts_on),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE campaign_fund (
  campaign_id text NOT NULL REFERENCES campaign,
  fund_id     text NOT NULL REFERENCES fund,
  PRIMARY KEY (campaign_id, fund_id)
);

CREATE TABLE campaign_milestone (
  campaign_id text NOT NULL REFERENCES campaign,
  kind        text NOT NULL CHECK (kind IN ('household_lists_due', 'results_report_due')),
  due_on      date NOT NULL,
  PRIMARY KEY (campaign_id, kind)
);

CREATE TABLE campaign_target (
  campaign_id text NOT NULL REFERENCES campaign,
  unit_code   text NOT NULL,
  amount_dong bigint NOT NULL CHECK (amount_dong >= 0),
  houses      integer NOT NULL CHECK (houses >= 0),
  PRIMARY KEY (campaign_id, unit_code)
);

CREATE TABLE mobiliser (
  id        text PRIMARY KEY,
  kind      text NOT NULL CHECK (kind IN ('member_organisation', 'agency', 'board_member')),
  name      text NOT NULL,
  unit_code text NOT NULL
);

-- A donor is found by any identifier it was recorded with. Citizen ids are kept only as a keyed
-- hash (for matching) and a masked form (for display): nobody needs the full number back.
CREATE TABLE donor (
  id              bigserial PRIMARY KEY,
  kind            text NOT NULL CHECK (kind IN ('individual', 'household', 'organisation',
                                                'business', 'agency', 'anonymous')),
  name            text NOT NULL,
  tax_code        text UNIQUE,
  citizen_id_hash bytea UNIQUE,
  citizen_id_mask text,
  phone           text,
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX donor_phone ON donor (phone) WHERE kind <> 'anonymous';

-- The last receipt number issued per fund and year. Incremented in the donation's transaction,
-- so a rolled-back donation gives its number back: numbers have no gaps and no duplicates.
CREATE TABLE receipt_counter (
  fund_id     text NOT NULL REFERENCES fund,
  year        integer NOT NULL,
  last_number bigint NOT NULL,
  PRIMARY KEY (fund_id, year)
);

CREATE TABLE donation (
  id                   bigserial PRIMARY KEY,
  campaign_id          text NOT NULL REFERENCES campaign,
  fund_id              text NOT NULL REFERENCES fund,
  unit_code            text NOT NULL,
  donor_id             bigint REFERENCES donor,
  channel              text NOT NULL CHECK (channel IN ('bank_transfer', 'cash', 'in_kind')),
  amount_dong          bigint NOT NULL,
  received_on          date NOT NULL,
  mobiliser_id         text REFERENCES mobiliser,
  bank_account_number  text,
  bank_reference       text,
  items                jsonb NOT NULL DEFAULT '[]'::jsonb,
  note                 text NOT NULL DEFAULT '',
  receipt_year         integer,
  receipt_number       bigint,
  reverses_donation_id bigint UNIQUE REFERENCES donation,  -- UNIQUE: reversed at most once
  reversal_reason      text,
  recorded_by          text NOT NULL,
  recorded_at          timestamptz NOT NULL DEFAULT now(),
  CHECK ((reverses_donation_id IS NULL AND amount_dong > 0 AND receipt_number IS NOT NULL)
      OR (reverses_donation_id IS NOT NULL AND amount_dong < 0 AND receipt_number IS NULL
          AND reversal_reason IS NOT NULL)),
  CHECK (channel <> 'bank_transfer' OR reverses_donation_id IS NOT NULL
         OR (bank_account_number IS NOT NULL AND bank_reference IS NOT NULL))
);
CREATE UNIQUE INDEX donation_receipt ON donation (fund_id, receipt_year, receipt_number)
  WHERE receipt_number IS NOT NULL;
-- The bank's transaction reference is unique per account: a second use is refused.
CREATE UNIQUE INDEX donation_bank_reference ON donation (bank_account_number, bank_reference)
  WHERE reverses_donation_id IS NULL AND bank_reference IS NOT NULL;
CREATE INDEX donation_campaign ON donation (campaign_id, id);
CREATE INDEX donation_fund ON donation (fund_id, id);
CREATE INDEX donation_mobiliser ON donation (mobiliser_id, id);
CREATE INDEX donation_donor ON donation (donor_id, id);

CREATE TABLE receipt_print (
  id             bigserial PRIMARY KEY,
  fund_id        text NOT NULL,
  receipt_year   integer NOT NULL,
  receipt_number bigint NOT NULL,
  copy           boolean NOT NULL,
  printed_by     text NOT NULL,
  printed_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX receipt_print_receipt ON receipt_print (fund_id, receipt_year, receipt_number);
