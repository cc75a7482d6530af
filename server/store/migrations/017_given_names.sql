-- The given name(s) a leader was imported with, when the file had a column
-- of its own for them ("María José" of "María José Núñez García"), so that
-- a CRM export splits the name as the person wrote it. '' when unknown: an
-- import of one full-name column, a walk-in, a leader made in the console.
-- It always begins the leader's name, as whole words; a change of the name
-- keeps it only then. It flows down with the leader, so the hub's roster
-- outbox trigger lists it among the columns whose change sends a record.
ALTER TABLE leaders ADD COLUMN given_name TEXT NOT NULL DEFAULT '';

DROP TRIGGER peer_roster_leaders_2;
CREATE TRIGGER peer_roster_leaders_2 AFTER UPDATE OF name, institution_id, phone, email, language, code, walk_in, consent, external_id, given_name ON leaders WHEN EXISTS (SELECT 1 FROM peer_self WHERE parent = '') AND NOT EXISTS (SELECT 1 FROM peer_applying)
BEGIN INSERT INTO peer_roster_outbox (kind, id, id2) VALUES ('leader', NEW.id, 0); END;
