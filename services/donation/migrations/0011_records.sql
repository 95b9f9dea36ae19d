-- A phone number no longer identifies one donor: families share a phone, and a gift from one
-- member must not be booked to another. Two donors may now share a phone; a phone finds a donor
-- only together with the same kind and name (rules/donor_identity.h). Tax codes and citizen ids
-- stay unique per donor.
DROP INDEX donor_phone;
CREATE INDEX donor_phone ON donor (phone) WHERE kind <> 'anonymous' AND phone IS NOT NULL;

-- Direct support is handed straight to a household: the fund never receives it, so it takes no
-- number from the fund's receipt book (whose numbers stay gapless for money the fund did
-- receive). It gets a confirmation number of its own instead, shown as "HTTT-<year>-<number>"
-- (rules/direct_support.h): unique, from a sequence, not gapless. Direct support recorded before
-- this migration keeps the receipt number it was given: donation_posting (which replaces the
-- first CHECK of 0002) holds for every row, donation_direct_support_confirmed for rows written
-- from now on (NOT VALID).
CREATE SEQUENCE direct_support_confirmation_seq;
ALTER TABLE donation ADD COLUMN confirmation_number bigint;
CREATE UNIQUE INDEX donation_confirmation ON donation (confirmation_number)
  WHERE confirmation_number IS NOT NULL;
ALTER TABLE donation DROP CONSTRAINT donation_check;
ALTER TABLE donation ADD CONSTRAINT donation_posting CHECK (
  (reverses_donation_id IS NULL AND amount_dong > 0
     AND (receipt_number IS NOT NULL OR confirmation_number IS NOT NULL))
  OR (reverses_donation_id IS NOT NULL AND amount_dong < 0 AND receipt_number IS NULL
      AND confirmation_number IS NULL AND reversal_reason IS NOT NULL));
ALTER TABLE donation ADD CONSTRAINT donation_direct_support_confirmed CHECK (
  reverses_donation_id IS NOT NULL
  OR (channel = 'direct_to_household') = (confirmation_number IS NOT NULL AND receipt_number IS NULL))
  NOT VALID;

-- Reversals take two officers (maker–checker): one asks, with a reason; another approves, which
-- posts the reversal as before, or rejects. Both tables are append-only for the runtime role,
-- like the posted records: a request's state is whether, and how, it was decided.
CREATE TABLE reversal_request (
  id           bigserial PRIMARY KEY,
  donation_id  bigint NOT NULL REFERENCES donation,
  reason       text NOT NULL,
  requested_by text NOT NULL,
  requested_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX reversal_request_donation ON reversal_request (donation_id);
CREATE TABLE reversal_decision (
  request_id           bigint PRIMARY KEY REFERENCES reversal_request,  -- decided once
  approved             boolean NOT NULL,
  decided_by           text NOT NULL,
  note                 text NOT NULL DEFAULT '',
  reversal_donation_id bigint REFERENCES donation,
  decided_at           timestamptz NOT NULL DEFAULT now(),
  CHECK (approved = (reversal_donation_id IS NOT NULL))
);
