-- The whole first schema. Names follow the vocabulary in DESIGN.md.

CREATE TABLE chapters (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE TABLE institutions (
    id         INTEGER PRIMARY KEY,
    chapter_id INTEGER NOT NULL REFERENCES chapters(id),
    name       TEXT NOT NULL,
    kind       TEXT NOT NULL DEFAULT 'congregation'
               CHECK (kind IN ('congregation', 'community_center', 'union', 'school', 'nonprofit')),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    UNIQUE (chapter_id, name)
);

CREATE TABLE leaders (
    id             INTEGER PRIMARY KEY,
    institution_id INTEGER NOT NULL REFERENCES institutions(id),
    name           TEXT NOT NULL,
    phone          TEXT NOT NULL DEFAULT '',
    email          TEXT NOT NULL DEFAULT '',
    language       TEXT NOT NULL DEFAULT 'es' CHECK (language IN ('es', 'en')),
    code           TEXT NOT NULL UNIQUE, -- the badge code in force
    walk_in        INTEGER NOT NULL DEFAULT 0, -- added at a door without a badge
    created_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX leaders_institution ON leaders(institution_id);

-- Every code ever issued, so a revoked code is answered "revoked", not "unknown".
CREATE TABLE badge_codes (
    code       TEXT PRIMARY KEY,
    leader_id  INTEGER NOT NULL REFERENCES leaders(id),
    issued_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    revoked_at TEXT
) WITHOUT ROWID;

CREATE TABLE actions (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    date       TEXT NOT NULL, -- YYYY-MM-DD
    starts_at  TEXT NOT NULL DEFAULT '', -- HH:MM local
    venue      TEXT NOT NULL DEFAULT '',
    goal       INTEGER NOT NULL DEFAULT 0 CHECK (goal >= 0),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE TABLE commitments (
    action_id      INTEGER NOT NULL REFERENCES actions(id),
    institution_id INTEGER NOT NULL REFERENCES institutions(id),
    number         INTEGER NOT NULL CHECK (number >= 0),
    PRIMARY KEY (action_id, institution_id)
) WITHOUT ROWID;

CREATE TABLE organizers (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE TABLE sessions (
    token_hash   TEXT PRIMARY KEY,
    organizer_id INTEGER NOT NULL REFERENCES organizers(id),
    csrf         TEXT NOT NULL,
    created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    expires_at   TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE doors (
    id         INTEGER PRIMARY KEY,
    action_id  INTEGER NOT NULL REFERENCES actions(id),
    name       TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    revoked_at TEXT
);

CREATE TABLE displays (
    id         INTEGER PRIMARY KEY,
    action_id  INTEGER NOT NULL REFERENCES actions(id),
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    revoked_at TEXT
);

-- A check-in is never deleted: undo sets undone_at and who undid it.
CREATE TABLE checkins (
    id             INTEGER PRIMARY KEY,
    client_id      TEXT NOT NULL UNIQUE,
    action_id      INTEGER NOT NULL REFERENCES actions(id),
    leader_id      INTEGER NOT NULL REFERENCES leaders(id),
    institution_id INTEGER NOT NULL REFERENCES institutions(id), -- as it was at check-in
    door_id        INTEGER REFERENCES doors(id),
    organizer_id   INTEGER REFERENCES organizers(id),
    source         TEXT NOT NULL DEFAULT 'scan' CHECK (source IN ('scan', 'walk_in', 'paper', 'console')),
    scanned_at     TEXT NOT NULL,
    recorded_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    undone_at      TEXT,
    undone_by      TEXT
);
-- At most one check-in in force per leader per action: the database itself refuses a double count.
CREATE UNIQUE INDEX checkins_once ON checkins(action_id, leader_id) WHERE undone_at IS NULL;
CREATE INDEX checkins_tally ON checkins(action_id, institution_id) WHERE undone_at IS NULL;
CREATE INDEX checkins_door ON checkins(door_id);

CREATE TABLE headcounts (
    id             INTEGER PRIMARY KEY,
    client_id      TEXT NOT NULL UNIQUE,
    action_id      INTEGER NOT NULL REFERENCES actions(id),
    institution_id INTEGER NOT NULL REFERENCES institutions(id),
    count          INTEGER NOT NULL CHECK (count > 0),
    note           TEXT NOT NULL DEFAULT '',
    door_id        INTEGER REFERENCES doors(id),
    organizer_id   INTEGER REFERENCES organizers(id),
    recorded_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    undone_at      TEXT,
    undone_by      TEXT
);
CREATE INDEX headcounts_action ON headcounts(action_id);

-- A walk-in becomes a leader with a fresh badge code and a check-in; this row
-- remembers that the person came in without a badge.
CREATE TABLE walkins (
    id         INTEGER PRIMARY KEY,
    client_id  TEXT NOT NULL UNIQUE,
    action_id  INTEGER NOT NULL REFERENCES actions(id),
    leader_id  INTEGER NOT NULL REFERENCES leaders(id),
    checkin_id INTEGER NOT NULL REFERENCES checkins(id),
    door_id    INTEGER REFERENCES doors(id),
    recorded_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

-- The first answer given to each client id (check-in, repeat scan, walk-in,
-- headcount), so a replay returns exactly that answer again and changes nothing.
CREATE TABLE replies (
    client_id  TEXT PRIMARY KEY,
    kind       TEXT NOT NULL,
    action_id  INTEGER NOT NULL,
    body       TEXT NOT NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) WITHOUT ROWID;
