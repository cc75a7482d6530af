-- What follow-up (008) added to the roster flows down from the hub too:
-- a leader's consent and CRM id, an institution's contact, an action's text
-- messages and needs. The hub's roster outbox triggers list the columns
-- whose change sends a record down, so they are made again with these.
-- And the tree below each child link (peer_below, at the end).

DROP TRIGGER peer_roster_institutions_2;
CREATE TRIGGER peer_roster_institutions_2 AFTER UPDATE OF name, kind, chapter_id, contact_name, contact_phone ON institutions WHEN EXISTS (SELECT 1 FROM peer_self WHERE parent = '') AND NOT EXISTS (SELECT 1 FROM peer_applying)
BEGIN INSERT INTO peer_roster_outbox (kind, id, id2) VALUES ('institution', NEW.id, 0); END;
DROP TRIGGER peer_roster_leaders_2;
CREATE TRIGGER peer_roster_leaders_2 AFTER UPDATE OF name, institution_id, phone, email, language, code, walk_in, consent, external_id ON leaders WHEN EXISTS (SELECT 1 FROM peer_self WHERE parent = '') AND NOT EXISTS (SELECT 1 FROM peer_applying)
BEGIN INSERT INTO peer_roster_outbox (kind, id, id2) VALUES ('leader', NEW.id, 0); END;
DROP TRIGGER peer_roster_actions_2;
CREATE TRIGGER peer_roster_actions_2 AFTER UPDATE OF name, date, starts_at, venue, goal, headcount_max, sms_es, sms_en ON actions WHEN EXISTS (SELECT 1 FROM peer_self WHERE parent = '') AND NOT EXISTS (SELECT 1 FROM peer_applying)
BEGIN INSERT INTO peer_roster_outbox (kind, id, id2) VALUES ('action', NEW.id, 0); END;
CREATE TRIGGER peer_roster_needs_1 AFTER INSERT ON action_needs WHEN EXISTS (SELECT 1 FROM peer_self WHERE parent = '') AND NOT EXISTS (SELECT 1 FROM peer_applying)
BEGIN INSERT INTO peer_roster_outbox (kind, id, id2) VALUES ('action', NEW.action_id, 0); END;
CREATE TRIGGER peer_roster_needs_2 AFTER DELETE ON action_needs WHEN EXISTS (SELECT 1 FROM peer_self WHERE parent = '') AND NOT EXISTS (SELECT 1 FROM peer_applying)
BEGIN INSERT INTO peer_roster_outbox (kind, id, id2) VALUES ('action', OLD.action_id, 0); END;


-- The nodes below each child link, as that child last told (a child speaks
-- for its own part of the tree only): a node takes from a link the writes
-- of the child and of these, each for its actions. actions: the uids of
-- the actions the node may write to, space-separated, or '*' for every
-- action the link may.
CREATE TABLE peer_below (
    via     TEXT NOT NULL,
    name    TEXT NOT NULL,
    actions TEXT NOT NULL,
    PRIMARY KEY (via, name)
) WITHOUT ROWID;
CREATE INDEX peer_below_name ON peer_below(name);
