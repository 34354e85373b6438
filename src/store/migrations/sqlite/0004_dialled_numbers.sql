-- The number as it was given (CSV field, caller ID, agent's entry) beside
-- its E.164, so that numbers can be re-read when the numbering rules change.
-- NULL for numbers stored before this column existed.
ALTER TABLE traveller_phones ADD COLUMN dialled TEXT;
