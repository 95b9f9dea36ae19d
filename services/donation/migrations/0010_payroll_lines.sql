-- A payroll list is what the agency gave: the staff's gifts it collected (one day's wage, say)
-- and handed to the fund. An import records its new rows as lines of one donation of channel
-- 'payroll', mobilised by the agency, with one receipt, instead of a donation and a receipt per
-- staff member. A line costs a heap row and two index entries, where a donation cost a donor
-- row, seven index entries and three foreign-key checks (50 µs of PostgreSQL per row): a
-- million-row list is no longer a million receipts.
--
-- Lines are written only by the import, in the transaction that writes their donation (the
-- donation last, when its amount is known), so `donation_id` has no foreign key: its check would
-- be a trigger per line, the cost this table exists to avoid. A line is never changed; a
-- mistake is corrected by reversing the donation and importing the corrected rows under a new
-- list name (the reversed donation's lines keep their keys).
CREATE TABLE payroll_line (
  -- sha256 of the list (campaign, fund, agency, list name, date) and the row (name, citizen id,
  -- amount, note, and which occurrence of identical rows it is): a re-import finds it.
  line_key        bytea PRIMARY KEY,
  donation_id     bigint NOT NULL,
  line            integer NOT NULL,       -- of the CSV it was read from
  full_name       text NOT NULL,
  citizen_id_hash bytea,                  -- HMAC of the citizen id, as for donors
  citizen_id_mask text,
  amount_dong     bigint NOT NULL CHECK (amount_dong > 0),
  note            text NOT NULL
);
CREATE INDEX payroll_line_donation ON payroll_line (donation_id, line);

-- Payroll donations were keyed per staff row; the key is the line's now. The service has not
-- been released, so no database holds per-row payroll donations to carry over; one that did
-- (a developer's) keeps those donations, but importing the same list again would record it
-- again.
DROP INDEX donation_import_key;
ALTER TABLE donation DROP COLUMN import_key;
