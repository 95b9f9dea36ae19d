-- Bulk intake: payroll rows are recorded as donations of channel 'payroll', each with a natural
-- key (the list, the person, the amount) so that importing the same list again records nothing.
ALTER TABLE donation DROP CONSTRAINT donation_channel_check;
ALTER TABLE donation ADD CONSTRAINT donation_channel_check
  CHECK (channel IN ('bank_transfer', 'cash', 'in_kind', 'payroll'));
ALTER TABLE donation ADD COLUMN import_key text;
CREATE UNIQUE INDEX donation_import_key ON donation (import_key) WHERE import_key IS NOT NULL;
