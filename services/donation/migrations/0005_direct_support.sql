-- Direct support: a donor's gift handed straight to a named household (checked with household
-- review). It is part of the campaign's results and never of a fund's balance; a reversal
-- copies the household and the need, so net figures stay plain sums.
ALTER TABLE donation DROP CONSTRAINT donation_channel_check;
ALTER TABLE donation ADD CONSTRAINT donation_channel_check
  CHECK (channel IN ('bank_transfer', 'cash', 'in_kind', 'payroll', 'direct_to_household'));
ALTER TABLE donation ADD COLUMN household_id bigint;
ALTER TABLE donation ADD COLUMN support_need text;
ALTER TABLE donation ADD CONSTRAINT donation_direct_names_household
  CHECK ((channel = 'direct_to_household') = (household_id IS NOT NULL AND support_need IS NOT NULL));
CREATE INDEX donation_household ON donation (household_id) WHERE household_id IS NOT NULL;
