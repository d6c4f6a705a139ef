-- A job belongs to the user who deployed it: developers manage their own jobs, admins every job.
-- Jobs from before users existed have no owner: every developer may manage them, as before.
ALTER TABLE job ADD COLUMN owner TEXT;
