-- Doors: pairing links, what each phone last reported, and a feed of
-- check-ins that lets door phones answer "already checked in" offline.

ALTER TABLE doors ADD COLUMN last_seen_at TEXT;
ALTER TABLE doors ADD COLUMN queued INTEGER NOT NULL DEFAULT 0; -- unsent scans the phone reported

-- A one-time, short-lived link that hands a door's token to a phone.
CREATE TABLE door_pairings (
    code_hash  TEXT PRIMARY KEY,
    door_id    INTEGER NOT NULL REFERENCES doors(id),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    expires_at TEXT NOT NULL,
    used_at    TEXT
) WITHOUT ROWID;
CREATE INDEX door_pairings_door ON door_pairings(door_id);

-- Every check-in and every undo, in commit order: door phones poll it from
-- the last seq they saw. Filled by triggers so no write path can forget it.
CREATE TABLE checkin_feed (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    action_id  INTEGER NOT NULL,
    checkin_id INTEGER NOT NULL REFERENCES checkins(id),
    present    INTEGER NOT NULL -- 1: checked in, 0: undone
);
CREATE INDEX checkin_feed_action ON checkin_feed(action_id, seq);

CREATE TRIGGER checkin_feed_in AFTER INSERT ON checkins
BEGIN
    INSERT INTO checkin_feed (action_id, checkin_id, present) VALUES (NEW.action_id, NEW.id, 1);
END;

CREATE TRIGGER checkin_feed_undo AFTER UPDATE OF undone_at ON checkins
WHEN OLD.undone_at IS NULL AND NEW.undone_at IS NOT NULL
BEGIN
    INSERT INTO checkin_feed (action_id, checkin_id, present) VALUES (NEW.action_id, NEW.id, 0);
END;

INSERT INTO checkin_feed (action_id, checkin_id, present)
    SELECT action_id, id, 1 FROM checkins WHERE undone_at IS NULL ORDER BY id;
