-- The largest headcount a door may record at an action; above it an
-- organizer must (a bus of 48 is a door's, a hall section of 600 is not).
ALTER TABLE actions ADD COLUMN headcount_max INTEGER NOT NULL DEFAULT 200 CHECK (headcount_max > 0);
