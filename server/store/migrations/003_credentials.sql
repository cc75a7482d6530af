-- Credentials: the roll call of institutions at an action. Closing them
-- freezes, as of that moment, each institution's commitment and the
-- delegation it brought, with the names as they were read. A closing is
-- never changed or deleted. An organizer may close again, explicitly: the new
-- closing supersedes the earlier one, which stays in the record.

CREATE TABLE credential_closings (
    id            INTEGER PRIMARY KEY,
    action_id     INTEGER NOT NULL REFERENCES actions(id),
    closed_at     TEXT NOT NULL,
    organizer_id  INTEGER REFERENCES organizers(id),
    superseded_at TEXT
);
-- At most one closing in force per action.
CREATE UNIQUE INDEX credential_closings_current ON credential_closings(action_id) WHERE superseded_at IS NULL;

CREATE TABLE credential_counts (
    closing_id       INTEGER NOT NULL REFERENCES credential_closings(id),
    institution_id   INTEGER NOT NULL REFERENCES institutions(id),
    institution_name TEXT NOT NULL,
    chapter_id       INTEGER NOT NULL REFERENCES chapters(id),
    chapter_name     TEXT NOT NULL,
    committed        INTEGER NOT NULL CHECK (committed >= 0),
    delegation       INTEGER NOT NULL CHECK (delegation >= 0),
    PRIMARY KEY (closing_id, institution_id)
) WITHOUT ROWID;

-- The database itself keeps the record frozen: counts never change, and a
-- closing may only be marked superseded, once.
CREATE TRIGGER credential_counts_no_update BEFORE UPDATE ON credential_counts
BEGIN SELECT RAISE(ABORT, 'credentials are frozen'); END;
CREATE TRIGGER credential_counts_no_delete BEFORE DELETE ON credential_counts
BEGIN SELECT RAISE(ABORT, 'credentials are frozen'); END;
CREATE TRIGGER credential_closings_no_delete BEFORE DELETE ON credential_closings
BEGIN SELECT RAISE(ABORT, 'credentials are frozen'); END;
CREATE TRIGGER credential_closings_supersede_only BEFORE UPDATE ON credential_closings
WHEN OLD.superseded_at IS NOT NULL OR NEW.superseded_at IS NULL
  OR NEW.id IS NOT OLD.id OR NEW.action_id IS NOT OLD.action_id
  OR NEW.closed_at IS NOT OLD.closed_at OR NEW.organizer_id IS NOT OLD.organizer_id
BEGIN SELECT RAISE(ABORT, 'credentials are frozen'); END;
