-- A phone number no longer identifies one donor: families share a phone, and a gift from one
-- member must not be booked to another. Two donors may now share a phone; a phone finds a donor
-- only together with the same kind and name (rules/donor_identity.h). Tax codes and citizen ids
-- stay unique per donor.
DROP INDEX donor_phone;
CREATE INDEX donor_phone ON donor (phone) WHERE kind <> 'anonymous' AND phone IS NOT NULL;
