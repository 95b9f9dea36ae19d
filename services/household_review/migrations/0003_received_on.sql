-- The day the district office received a list (its incoming-document stamp): paper lists are
-- often entered days after they arrived, and lateness is judged on this day, not on when the
-- list was entered. Lists entered before the column existed were received, as far as the record
-- says, on the day they were entered, in Vietnam (UTC+7 all year).
ALTER TABLE submission ADD COLUMN received_on date;
UPDATE submission SET received_on = (submitted_at AT TIME ZONE INTERVAL '+07:00')::date;
ALTER TABLE submission ALTER COLUMN received_on SET NOT NULL;
