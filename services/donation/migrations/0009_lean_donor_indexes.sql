-- Most donors have at most one identifier, and a payroll list brings a donor per staff member.
-- The UNIQUE constraints on tax code and citizen id, and the phone index, also indexed every
-- donor's missing value; partial indexes keep the same rules and index only what is there.
ALTER TABLE donor DROP CONSTRAINT donor_tax_code_key;
CREATE UNIQUE INDEX donor_tax_code ON donor (tax_code) WHERE tax_code IS NOT NULL;
ALTER TABLE donor DROP CONSTRAINT donor_citizen_id_hash_key;
CREATE UNIQUE INDEX donor_citizen_id_hash ON donor (citizen_id_hash)
  WHERE citizen_id_hash IS NOT NULL;
DROP INDEX donor_phone;
CREATE UNIQUE INDEX donor_phone ON donor (phone) WHERE kind <> 'anonymous' AND phone IS NOT NULL;
