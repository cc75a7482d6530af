-- Follow-up: first-timers, the live chase, walk-ins who can be called back,
-- the round trip to the organizers' CRM, and needs counted at the door.

-- Whom to call when an institution is short: its contact person.
ALTER TABLE institutions ADD COLUMN contact_name TEXT NOT NULL DEFAULT '';
ALTER TABLE institutions ADD COLUMN contact_phone TEXT NOT NULL DEFAULT '';

-- consent: the person may be called or texted, and exported to a CRM. A
-- leader an organizer put on the roster is the network's own (1); a walk-in
-- says so at the door with a tick.
ALTER TABLE leaders ADD COLUMN consent INTEGER NOT NULL DEFAULT 1 CHECK (consent IN (0, 1));
-- external_id: the person's id in a CRM, with its system ("van:123456",
-- "an:8c2d…"), so that importing that CRM's export again finds the same leader.
ALTER TABLE leaders ADD COLUMN external_id TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX leaders_external ON leaders(external_id) WHERE external_id <> '';

-- The text message the chase and the follow-up lists prefill, per language;
-- empty: the page's default words.
ALTER TABLE actions ADD COLUMN sms_es TEXT NOT NULL DEFAULT '';
ALTER TABLE actions ADD COLUMN sms_en TEXT NOT NULL DEFAULT '';

-- First-timers of an action whose check-ins were purged, per institution, as
-- they were at the purge (a purge may run again: the counts add up).
ALTER TABLE purged_counts ADD COLUMN first_time INTEGER NOT NULL DEFAULT 0 CHECK (first_time >= 0);

-- What a purge keeps of a leader's attendance: the earliest purged action at
-- which they were present, and nothing else, so a leader who came before is
-- not counted a first-timer again at a later action.
CREATE TABLE purged_firsts (
    leader_id INTEGER PRIMARY KEY REFERENCES leaders(id),
    action_id INTEGER NOT NULL REFERENCES actions(id)
);

-- Up to four things an action counts at the door ("Audífonos de
-- interpretación", "Cuidado de niños"), in the order the organizer gave.
CREATE TABLE action_needs (
    action_id INTEGER NOT NULL REFERENCES actions(id),
    position  INTEGER NOT NULL CHECK (position BETWEEN 1 AND 4),
    name      TEXT NOT NULL,
    PRIMARY KEY (action_id, position)
) WITHOUT ROWID;

-- Each +1 or +N tapped at a door, idempotent by the phone's client id.
CREATE TABLE need_counts (
    id           INTEGER PRIMARY KEY,
    client_id    TEXT NOT NULL UNIQUE,
    action_id    INTEGER NOT NULL REFERENCES actions(id),
    position     INTEGER NOT NULL CHECK (position BETWEEN 1 AND 4),
    count        INTEGER NOT NULL CHECK (count > 0),
    door_id      INTEGER REFERENCES doors(id),
    organizer_id INTEGER REFERENCES organizers(id),
    recorded_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX need_counts_action ON need_counts(action_id, position);

-- Walk-ins added before this migration were never asked: no consent.
UPDATE leaders SET consent = 0 WHERE walk_in = 1;
