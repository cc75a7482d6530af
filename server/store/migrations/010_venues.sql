-- Venues: a network's count split by hall, and credentials closed per hall.
--
-- A venue is a hall with its own doors and projector. The hub is its own
-- venue, a node that joined the hub is its own venue, and a standby belongs
-- to the venue it joined: its writes count in that hall. Each write carries
-- the venue of the node that made it; each node keeps which venue every node
-- it heard from belongs to.

-- This node's venue, as its join link named it; NULL: the node's own name.
ALTER TABLE peer_self ADD COLUMN venue TEXT;

-- The venue of each node this one heard from, itself included.
CREATE TABLE peer_nodes (
    name  TEXT PRIMARY KEY,
    venue TEXT NOT NULL
) WITHOUT ROWID;

-- The part of an action's goal each venue took on, set at the hub.
CREATE TABLE venue_shares (
    action_id INTEGER NOT NULL REFERENCES actions(id),
    venue     TEXT NOT NULL,
    share     INTEGER NOT NULL CHECK (share > 0),
    PRIMARY KEY (action_id, venue)
) WITHOUT ROWID;

-- A closing is of one venue's hall (scope: the venue) or of the whole
-- action (scope ''), and travels between nodes by its client id; origin is
-- the node that closed, NULL for this node's own.
ALTER TABLE credential_closings ADD COLUMN client_id TEXT;
ALTER TABLE credential_closings ADD COLUMN scope TEXT NOT NULL DEFAULT '';
ALTER TABLE credential_closings ADD COLUMN origin TEXT;
-- The closings already kept get their client id with the record's guard
-- lifted for that one statement; the guard then covers the new columns too.
DROP TRIGGER credential_closings_supersede_only;
UPDATE credential_closings SET client_id = lower(hex(randomblob(16)));
CREATE TRIGGER credential_closings_supersede_only BEFORE UPDATE ON credential_closings
WHEN OLD.superseded_at IS NOT NULL OR NEW.superseded_at IS NULL
  OR NEW.id IS NOT OLD.id OR NEW.action_id IS NOT OLD.action_id
  OR NEW.closed_at IS NOT OLD.closed_at OR NEW.organizer_id IS NOT OLD.organizer_id
  OR NEW.client_id IS NOT OLD.client_id OR NEW.scope IS NOT OLD.scope OR NEW.origin IS NOT OLD.origin
BEGIN SELECT RAISE(ABORT, 'credentials are frozen'); END;
CREATE UNIQUE INDEX credential_closings_client ON credential_closings(client_id);
-- At most one closing in force per action and scope.
DROP INDEX credential_closings_current;
CREATE UNIQUE INDEX credential_closings_current ON credential_closings(action_id, scope) WHERE superseded_at IS NULL;

-- A closing made here goes out like the doors' writes (the store gives
-- every new closing its client id).
CREATE TRIGGER peer_out_closing AFTER INSERT ON credential_closings
WHEN NEW.origin IS NULL AND EXISTS (SELECT 1 FROM peer_self) AND NOT EXISTS (SELECT 1 FROM peer_applying)
BEGIN INSERT INTO peer_outbox (kind, client_id) VALUES ('closing', NEW.client_id); END;

-- Each purge of an action, by client id, so it travels between nodes and
-- each node applies it once. origin: the node that purged, NULL for this one.
CREATE TABLE purge_events (
    client_id TEXT PRIMARY KEY,
    action_id INTEGER NOT NULL REFERENCES actions(id),
    purged_at TEXT NOT NULL,
    origin    TEXT
) WITHOUT ROWID;
