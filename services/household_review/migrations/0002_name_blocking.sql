-- Similar-name candidates are compared within a block: the same hamlet, the same birth year and
-- the same first letter of the name without diacritics. Names that differ only in diacritics
-- or spacing keep their first letter, so they still meet; the block cuts the pairs whose
-- similarity must be computed about fivefold (a third of Vietnamese are Nguyễn, the rest spread
-- over a few dozen family names), which is what the import of a province's list spends most on.
CREATE INDEX person_block ON person (hamlet_key, birth_year, left(name_key, 1));
DROP INDEX person_hamlet_year;
