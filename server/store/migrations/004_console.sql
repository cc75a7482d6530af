-- The organizer console: purging an action's personal check-in data while
-- keeping every number.
--
-- A purge turns each institution's check-ins at the action into one
-- headcount of the same size (so the live tally and Counts, which add
-- check-ins and headcounts, give the same present numbers), deletes the
-- check-in, walk-in and reply rows that tie leaders to the action, and keeps
-- here how the delegation was made up, so reports still split it.

CREATE TABLE purges (
    action_id    INTEGER PRIMARY KEY REFERENCES actions(id),
    purged_at    TEXT NOT NULL,
    organizer_id INTEGER REFERENCES organizers(id),
    checkins     INTEGER NOT NULL DEFAULT 0 -- check-ins (in force or undone) removed, all purges together
);

-- Per institution, the check-ins in force at purge time, by how they were made.
CREATE TABLE purged_counts (
    action_id      INTEGER NOT NULL REFERENCES actions(id),
    institution_id INTEGER NOT NULL REFERENCES institutions(id),
    scanned        INTEGER NOT NULL DEFAULT 0 CHECK (scanned >= 0),
    paper          INTEGER NOT NULL DEFAULT 0 CHECK (paper >= 0), -- paper sheets and console entries
    walk_ins       INTEGER NOT NULL DEFAULT 0 CHECK (walk_ins >= 0),
    PRIMARY KEY (action_id, institution_id)
) WITHOUT ROWID;

-- The headcounts a purge made to stand for check-ins, which reports must not
-- show as counted at the door.
CREATE TABLE purge_headcounts (
    headcount_id INTEGER PRIMARY KEY REFERENCES headcounts(id)
);
