-- A network of nodes: the peers this node accepts, the identity records
-- carry from node to node, and the outbox of this node's own writes.
--
-- Nothing here costs a single node anything: the outbox triggers fire only
-- once peer_self holds this node's name, which only serving with --peers or
-- --join writes.

-- Nodes allowed to join this one. The secret is in the join link; only its
-- hash is kept.
CREATE TABLE peers (
    name        TEXT PRIMARY KEY,
    secret_hash TEXT NOT NULL,
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    revoked_at  TEXT
) WITHOUT ROWID;

-- The actions a node may write to; a node with none listed shares every
-- action.
CREATE TABLE peer_actions (
    peer      TEXT NOT NULL REFERENCES peers(name),
    action_id INTEGER NOT NULL REFERENCES actions(id),
    PRIMARY KEY (peer, action_id)
) WITHOUT ROWID;

-- Each link as the running server last saw it, for "presente peer list".
CREATE TABLE peer_links (
    name        TEXT PRIMARY KEY,
    role        TEXT NOT NULL CHECK (role IN ('parent', 'child')),
    up          INTEGER NOT NULL DEFAULT 0,
    since       TEXT NOT NULL,
    waiting_out INTEGER NOT NULL DEFAULT 0, -- writes not yet sent along this link
    waiting_in  INTEGER NOT NULL DEFAULT 0, -- writes received, not yet applied
    seen_at     TEXT NOT NULL
) WITHOUT ROWID;

-- This node's own name (its JetStream domain) once it is part of a network.
CREATE TABLE peer_self (
    one    INTEGER PRIMARY KEY CHECK (one = 1),
    name   TEXT NOT NULL,
    parent TEXT NOT NULL DEFAULT ''
);

-- Identities that are the same on every node, where integer ids are not.
ALTER TABLE chapters ADD COLUMN uid TEXT;
ALTER TABLE institutions ADD COLUMN uid TEXT;
ALTER TABLE actions ADD COLUMN uid TEXT;
ALTER TABLE leaders ADD COLUMN uid TEXT;
UPDATE leaders SET uid = lower(hex(randomblob(16)));
CREATE UNIQUE INDEX leaders_uid ON leaders(uid);
CREATE TRIGGER leaders_uid AFTER INSERT ON leaders WHEN NEW.uid IS NULL
BEGIN UPDATE leaders SET uid = lower(hex(randomblob(16))) WHERE id = NEW.id; END;
UPDATE chapters SET uid = lower(hex(randomblob(16)));
UPDATE institutions SET uid = lower(hex(randomblob(16)));
UPDATE actions SET uid = lower(hex(randomblob(16)));
CREATE UNIQUE INDEX chapters_uid ON chapters(uid);
CREATE UNIQUE INDEX institutions_uid ON institutions(uid);
CREATE UNIQUE INDEX actions_uid ON actions(uid);
CREATE TRIGGER chapters_uid AFTER INSERT ON chapters WHEN NEW.uid IS NULL
BEGIN UPDATE chapters SET uid = lower(hex(randomblob(16))) WHERE id = NEW.id; END;
CREATE TRIGGER institutions_uid AFTER INSERT ON institutions WHEN NEW.uid IS NULL
BEGIN UPDATE institutions SET uid = lower(hex(randomblob(16))) WHERE id = NEW.id; END;
CREATE TRIGGER actions_uid AFTER INSERT ON actions WHEN NEW.uid IS NULL
BEGIN UPDATE actions SET uid = lower(hex(randomblob(16))) WHERE id = NEW.id; END;

-- Where a record made at another node came from: NULL for this node's own.
ALTER TABLE checkins ADD COLUMN origin TEXT;
ALTER TABLE checkins ADD COLUMN origin_door TEXT;
-- The client id of an earlier check-in of the same leader, made at another
-- node before the two met, that counts instead of this one. Such a row also
-- has undone_at set, so every count that skips undone rows skips it.
ALTER TABLE checkins ADD COLUMN superseded_by TEXT;
ALTER TABLE headcounts ADD COLUMN origin TEXT;
ALTER TABLE headcounts ADD COLUMN origin_door TEXT;
-- Partial, so a single node, which has no such rows, pays nothing for them.
CREATE INDEX checkins_remote ON checkins(action_id, leader_id) WHERE origin IS NOT NULL;
CREATE INDEX checkins_superseded ON checkins(action_id, leader_id) WHERE superseded_by IS NOT NULL;

-- This node's writes, in commit order, waiting to be published. Rows are
-- written by triggers, in the write's own transaction, so a write that
-- committed is never forgotten, even by a process killed right after.
CREATE TABLE peer_outbox (
    seq       INTEGER PRIMARY KEY AUTOINCREMENT,
    kind      TEXT NOT NULL, -- checkin, undo, headcount, headcount_undo
    client_id TEXT NOT NULL
);
-- How far each outbox was published (acknowledged by this node's stream).
CREATE TABLE peer_cursor (
    name TEXT PRIMARY KEY CHECK (name IN ('writes', 'roster')),
    seq  INTEGER NOT NULL
) WITHOUT ROWID;
-- Holds a row only while a write from another node is being applied, so the
-- triggers below do not send it back out.
CREATE TABLE peer_applying (one INTEGER PRIMARY KEY);

CREATE TRIGGER peer_out_checkin AFTER INSERT ON checkins
WHEN NEW.origin IS NULL AND EXISTS (SELECT 1 FROM peer_self) AND NOT EXISTS (SELECT 1 FROM peer_applying)
BEGIN INSERT INTO peer_outbox (kind, client_id) VALUES ('checkin', NEW.client_id); END;

CREATE TRIGGER peer_out_undo AFTER UPDATE OF undone_at ON checkins
WHEN OLD.undone_at IS NULL AND NEW.undone_at IS NOT NULL AND NEW.superseded_by IS NULL
  AND EXISTS (SELECT 1 FROM peer_self) AND NOT EXISTS (SELECT 1 FROM peer_applying)
BEGIN INSERT INTO peer_outbox (kind, client_id) VALUES ('undo', NEW.client_id); END;

CREATE TRIGGER peer_out_headcount AFTER INSERT ON headcounts
WHEN NEW.origin IS NULL AND EXISTS (SELECT 1 FROM peer_self) AND NOT EXISTS (SELECT 1 FROM peer_applying)
BEGIN INSERT INTO peer_outbox (kind, client_id) VALUES ('headcount', NEW.client_id); END;

CREATE TRIGGER peer_out_headcount_undo AFTER UPDATE OF undone_at ON headcounts
WHEN OLD.undone_at IS NULL AND NEW.undone_at IS NOT NULL
  AND EXISTS (SELECT 1 FROM peer_self) AND NOT EXISTS (SELECT 1 FROM peer_applying)
BEGIN INSERT INTO peer_outbox (kind, client_id) VALUES ('headcount_undo', NEW.client_id); END;

-- The roster, actions, commitments, doors, displays and organizers, as the
-- hub changes them, waiting to flow down. Filled by triggers at the hub only
-- (the node whose parent is ''), and never while applying what came down.
CREATE TABLE peer_roster_outbox (
    seq  INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL, -- chapter, institution, leader, action, commitment, door, display, organizer, network
    id   INTEGER NOT NULL, -- the local row id (a commitment: its action)
    id2  INTEGER NOT NULL DEFAULT 0, -- a commitment: its institution
    uid  TEXT -- a deleted chapter, institution or leader: its uid, for the tombstone
);
CREATE TRIGGER peer_roster_chapters_1 AFTER INSERT ON chapters WHEN EXISTS (SELECT 1 FROM peer_self WHERE parent = '') AND NOT EXISTS (SELECT 1 FROM peer_applying)
BEGIN INSERT INTO peer_roster_outbox (kind, id, id2) VALUES ('chapter', NEW.id, 0); END;
CREATE TRIGGER peer_roster_chapters_2 AFTER UPDATE OF name ON chapters WHEN EXISTS (SELECT 1 FROM peer_self WHERE parent = '') AND NOT EXISTS (SELECT 1 FROM peer_applying)
BEGIN INSERT INTO peer_roster_outbox (kind, id, id2) VALUES ('chapter', NEW.id, 0); END;
CREATE TRIGGER peer_roster_institutions_1 AFTER INSERT ON institutions WHEN EXISTS (SELECT 1 FROM peer_self WHERE parent = '') AND NOT EXISTS (SELECT 1 FROM peer_applying)
BEGIN INSERT INTO peer_roster_outbox (kind, id, id2) VALUES ('institution', NEW.id, 0); END;
CREATE TRIGGER peer_roster_institutions_2 AFTER UPDATE OF name, kind, chapter_id ON institutions WHEN EXISTS (SELECT 1 FROM peer_self WHERE parent = '') AND NOT EXISTS (SELECT 1 FROM peer_applying)
BEGIN INSERT INTO peer_roster_outbox (kind, id, id2) VALUES ('institution', NEW.id, 0); END;
CREATE TRIGGER peer_roster_leaders_1 AFTER INSERT ON leaders WHEN EXISTS (SELECT 1 FROM peer_self WHERE parent = '') AND NOT EXISTS (SELECT 1 FROM peer_applying)
BEGIN INSERT INTO peer_roster_outbox (kind, id, id2) VALUES ('leader', NEW.id, 0); END;
CREATE TRIGGER peer_roster_leaders_2 AFTER UPDATE OF name, institution_id, phone, email, language, code, walk_in ON leaders WHEN EXISTS (SELECT 1 FROM peer_self WHERE parent = '') AND NOT EXISTS (SELECT 1 FROM peer_applying)
BEGIN INSERT INTO peer_roster_outbox (kind, id, id2) VALUES ('leader', NEW.id, 0); END;
CREATE TRIGGER peer_roster_badge_codes_1 AFTER UPDATE OF revoked_at ON badge_codes WHEN EXISTS (SELECT 1 FROM peer_self WHERE parent = '') AND NOT EXISTS (SELECT 1 FROM peer_applying)
BEGIN INSERT INTO peer_roster_outbox (kind, id, id2) VALUES ('leader', NEW.leader_id, 0); END;
CREATE TRIGGER peer_roster_actions_1 AFTER INSERT ON actions WHEN EXISTS (SELECT 1 FROM peer_self WHERE parent = '') AND NOT EXISTS (SELECT 1 FROM peer_applying)
BEGIN INSERT INTO peer_roster_outbox (kind, id, id2) VALUES ('action', NEW.id, 0); END;
CREATE TRIGGER peer_roster_actions_2 AFTER UPDATE OF name, date, starts_at, venue, goal, headcount_max ON actions WHEN EXISTS (SELECT 1 FROM peer_self WHERE parent = '') AND NOT EXISTS (SELECT 1 FROM peer_applying)
BEGIN INSERT INTO peer_roster_outbox (kind, id, id2) VALUES ('action', NEW.id, 0); END;
CREATE TRIGGER peer_roster_commitments_1 AFTER INSERT ON commitments WHEN EXISTS (SELECT 1 FROM peer_self WHERE parent = '') AND NOT EXISTS (SELECT 1 FROM peer_applying)
BEGIN INSERT INTO peer_roster_outbox (kind, id, id2) VALUES ('commitment', NEW.action_id, NEW.institution_id); END;
CREATE TRIGGER peer_roster_commitments_2 AFTER UPDATE OF number ON commitments WHEN EXISTS (SELECT 1 FROM peer_self WHERE parent = '') AND NOT EXISTS (SELECT 1 FROM peer_applying)
BEGIN INSERT INTO peer_roster_outbox (kind, id, id2) VALUES ('commitment', NEW.action_id, NEW.institution_id); END;
CREATE TRIGGER peer_roster_doors_1 AFTER INSERT ON doors WHEN EXISTS (SELECT 1 FROM peer_self WHERE parent = '') AND NOT EXISTS (SELECT 1 FROM peer_applying)
BEGIN INSERT INTO peer_roster_outbox (kind, id, id2) VALUES ('door', NEW.id, 0); END;
CREATE TRIGGER peer_roster_doors_2 AFTER UPDATE OF name, revoked_at ON doors WHEN EXISTS (SELECT 1 FROM peer_self WHERE parent = '') AND NOT EXISTS (SELECT 1 FROM peer_applying)
BEGIN INSERT INTO peer_roster_outbox (kind, id, id2) VALUES ('door', NEW.id, 0); END;
CREATE TRIGGER peer_roster_displays_1 AFTER INSERT ON displays WHEN EXISTS (SELECT 1 FROM peer_self WHERE parent = '') AND NOT EXISTS (SELECT 1 FROM peer_applying)
BEGIN INSERT INTO peer_roster_outbox (kind, id, id2) VALUES ('display', NEW.id, 0); END;
CREATE TRIGGER peer_roster_displays_2 AFTER UPDATE OF revoked_at ON displays WHEN EXISTS (SELECT 1 FROM peer_self WHERE parent = '') AND NOT EXISTS (SELECT 1 FROM peer_applying)
BEGIN INSERT INTO peer_roster_outbox (kind, id, id2) VALUES ('display', NEW.id, 0); END;
CREATE TRIGGER peer_roster_organizers_1 AFTER INSERT ON organizers WHEN EXISTS (SELECT 1 FROM peer_self WHERE parent = '') AND NOT EXISTS (SELECT 1 FROM peer_applying)
BEGIN INSERT INTO peer_roster_outbox (kind, id, id2) VALUES ('organizer', NEW.id, 0); END;
CREATE TRIGGER peer_roster_network_1 AFTER INSERT ON network WHEN EXISTS (SELECT 1 FROM peer_self WHERE parent = '') AND NOT EXISTS (SELECT 1 FROM peer_applying)
BEGIN INSERT INTO peer_roster_outbox (kind, id, id2) VALUES ('network', NEW.id, 0); END;
CREATE TRIGGER peer_roster_network_2 AFTER UPDATE OF name ON network WHEN EXISTS (SELECT 1 FROM peer_self WHERE parent = '') AND NOT EXISTS (SELECT 1 FROM peer_applying)
BEGIN INSERT INTO peer_roster_outbox (kind, id, id2) VALUES ('network', NEW.id, 0); END;
CREATE TRIGGER peer_roster_chapters_gone AFTER DELETE ON chapters WHEN EXISTS (SELECT 1 FROM peer_self WHERE parent = '') AND NOT EXISTS (SELECT 1 FROM peer_applying)
BEGIN INSERT INTO peer_roster_outbox (kind, id, id2, uid) VALUES ('chapter', OLD.id, 0, OLD.uid); END;
CREATE TRIGGER peer_roster_institutions_gone AFTER DELETE ON institutions WHEN EXISTS (SELECT 1 FROM peer_self WHERE parent = '') AND NOT EXISTS (SELECT 1 FROM peer_applying)
BEGIN INSERT INTO peer_roster_outbox (kind, id, id2, uid) VALUES ('institution', OLD.id, 0, OLD.uid); END;
CREATE TRIGGER peer_roster_leaders_gone AFTER DELETE ON leaders WHEN EXISTS (SELECT 1 FROM peer_self WHERE parent = '') AND NOT EXISTS (SELECT 1 FROM peer_applying)
BEGIN INSERT INTO peer_roster_outbox (kind, id, id2, uid) VALUES ('leader', OLD.id, 0, OLD.uid); END;
