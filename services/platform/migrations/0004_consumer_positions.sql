-- An event held back for a missing earlier version is applied once the delivery limit is
-- reached, rather than redelivered for ever; the inbox records that it came out of order.
ALTER TABLE inbox DROP CONSTRAINT inbox_outcome_check;
ALTER TABLE inbox ADD CONSTRAINT inbox_outcome_check
  CHECK (outcome IN ('applied', 'skipped', 'dead_lettered', 'applied_out_of_order'));
