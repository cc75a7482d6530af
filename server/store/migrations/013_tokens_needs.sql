-- A door's token changes at any node, need counts travel, and venue shares
-- flow down.
--
-- A door is paired (or re-paired, or revoked) where the phone is: at the
-- hub, at a venue or at a standby. Each change of its token is a write that
-- travels up and across like a check-in, so every node that shares the
-- action holds exactly the door's current token and refuses every earlier
-- one. A door has a uid the same on every node, and a version: each change
-- at a node makes the next version under a change id of its own; of two
-- changes made apart, the higher version wins, the larger change id breaks
-- a tie, and a revocation stays whatever comes after it.
ALTER TABLE doors ADD COLUMN uid TEXT;
ALTER TABLE doors ADD COLUMN token_version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE doors ADD COLUMN change_id TEXT;
-- A door that already came down holds the same token hash on every node,
-- so its uid is taken from it: the nodes agree without a word.
UPDATE doors SET uid = substr(token_hash, 1, 32), change_id = substr(token_hash, 1, 32);
CREATE UNIQUE INDEX doors_uid ON doors(uid);
CREATE TRIGGER doors_uid AFTER INSERT ON doors WHEN NEW.uid IS NULL
BEGIN UPDATE doors SET uid = lower(hex(randomblob(16))) WHERE id = NEW.id; END;

-- A door made or changed at a node with a parent goes up (and from the hub
-- across, to every node); one applied from another node does not go back.
-- The hub's own changes go down with the roster (below), as the hub's
-- other records do.
CREATE TRIGGER peer_out_door AFTER INSERT ON doors
WHEN NEW.change_id IS NOT NULL AND EXISTS (SELECT 1 FROM peer_self WHERE parent <> '')
  AND NOT EXISTS (SELECT 1 FROM peer_applying)
BEGIN INSERT INTO peer_outbox (kind, client_id) VALUES ('door', NEW.change_id); END;
CREATE TRIGGER peer_out_door_change AFTER UPDATE OF change_id ON doors
WHEN NEW.change_id IS NOT OLD.change_id AND EXISTS (SELECT 1 FROM peer_self WHERE parent <> '')
  AND NOT EXISTS (SELECT 1 FROM peer_applying)
BEGIN INSERT INTO peer_outbox (kind, client_id) VALUES ('door', NEW.change_id); END;

-- The hub sends a door down by its uid, as it now is, after every change,
-- its own or one it applied from a venue: a node that joins later finds
-- each door's current token, and only that one, in ROSTER. (009 and 012
-- sent it by token hash, so a re-paired door left its old token behind.)
DROP TRIGGER peer_roster_doors_1;
DROP TRIGGER peer_roster_doors_2;
DROP TRIGGER peer_roster_doors_3;
CREATE TRIGGER peer_roster_doors_1 AFTER INSERT ON doors WHEN EXISTS (SELECT 1 FROM peer_self WHERE parent = '')
BEGIN INSERT INTO peer_roster_outbox (kind, id, id2) VALUES ('door', NEW.id, 0); END;
CREATE TRIGGER peer_roster_doors_2 AFTER UPDATE OF change_id, revoked_at ON doors
WHEN (NEW.change_id IS NOT OLD.change_id OR NEW.revoked_at IS NOT OLD.revoked_at)
  AND EXISTS (SELECT 1 FROM peer_self WHERE parent = '')
BEGIN INSERT INTO peer_roster_outbox (kind, id, id2) VALUES ('door', NEW.id, 0); END;
INSERT INTO peer_roster_outbox (kind, id, id2)
SELECT 'door', id, 0 FROM doors WHERE EXISTS (SELECT 1 FROM peer_self WHERE parent = '') ORDER BY id;

-- A need counted here (+1 headset) goes out like a headcount; origin is
-- the node that counted it, NULL for this node's own.
ALTER TABLE need_counts ADD COLUMN origin TEXT;
CREATE TRIGGER peer_out_need AFTER INSERT ON need_counts
WHEN NEW.origin IS NULL AND EXISTS (SELECT 1 FROM peer_self) AND NOT EXISTS (SELECT 1 FROM peer_applying)
BEGIN INSERT INTO peer_outbox (kind, client_id) VALUES ('need', NEW.client_id); END;

-- The share of the goal each venue took on comes down with its action.
CREATE TRIGGER peer_roster_venue_shares_1 AFTER INSERT ON venue_shares WHEN EXISTS (SELECT 1 FROM peer_self WHERE parent = '') AND NOT EXISTS (SELECT 1 FROM peer_applying)
BEGIN INSERT INTO peer_roster_outbox (kind, id, id2) VALUES ('action', NEW.action_id, 0); END;
CREATE TRIGGER peer_roster_venue_shares_2 AFTER DELETE ON venue_shares WHEN EXISTS (SELECT 1 FROM peer_self WHERE parent = '') AND NOT EXISTS (SELECT 1 FROM peer_applying)
BEGIN INSERT INTO peer_roster_outbox (kind, id, id2) VALUES ('action', OLD.action_id, 0); END;
INSERT INTO peer_roster_outbox (kind, id, id2)
SELECT DISTINCT 'action', action_id, 0 FROM venue_shares WHERE EXISTS (SELECT 1 FROM peer_self WHERE parent = '');
