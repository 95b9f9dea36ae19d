-- The day the district office received a commune's household list or results report (its
-- incoming-document stamp): paper ones are often entered days after they arrived, and lateness
-- and the lagging units are judged on this day. Rows from before the column existed: the day
-- they were submitted, in Vietnam (UTC+7 all year).
ALTER TABLE list_submission ADD COLUMN received_on date;
UPDATE list_submission SET received_on = (first_submitted_at AT TIME ZONE INTERVAL '+07:00')::date;
ALTER TABLE list_submission ALTER COLUMN received_on SET NOT NULL;

ALTER TABLE results_report ADD COLUMN received_on date;
UPDATE results_report SET received_on = (submitted_at AT TIME ZONE INTERVAL '+07:00')::date;
ALTER TABLE results_report ALTER COLUMN received_on SET NOT NULL;
