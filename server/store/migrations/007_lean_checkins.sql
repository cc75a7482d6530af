-- A check-in written as one row. What was written beside it is now read
-- from it: the door feed from two sequence numbers on the row itself, and a
-- check-in's answer from the row and the roster. Answers that cannot be read
-- back from a check-in row (a repeat scan, a walk-in, a headcount, a purged
-- check-in) are still stored, in `answers`.

-- The door feed: seq is the feed's number for the check-in, undo_seq for its
-- undo. The writer hands them out from one sequence, which goes on from the
-- old feed's numbers, so a phone's cursor stays valid.
ALTER TABLE checkins ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;
ALTER TABLE checkins ADD COLUMN undo_seq INTEGER;

CREATE INDEX checkin_feed_checkin ON checkin_feed(checkin_id, present, seq);
UPDATE checkins SET
    seq = coalesce((SELECT max(f.seq) FROM checkin_feed f WHERE f.checkin_id = checkins.id AND f.present = 1), 0),
    undo_seq = (SELECT max(f.seq) FROM checkin_feed f WHERE f.checkin_id = checkins.id AND f.present = 0);
DROP TRIGGER checkin_feed_in;
DROP TRIGGER checkin_feed_undo;
DROP TABLE checkin_feed;

CREATE INDEX checkins_feed ON checkins(action_id, seq);
CREATE INDEX checkins_feed_undo ON checkins(action_id, undo_seq) WHERE undo_seq IS NOT NULL;

-- Stored answers, by client id.
ALTER TABLE replies RENAME TO answers;

-- Every answer given to a client id: the stored ones, and the answer of each
-- check-in that has none stored, read from its row and the roster as they
-- are now. A replay reads it here.
CREATE VIEW replies (client_id, kind, action_id, body, created_at) AS
    SELECT client_id, kind, action_id, body, created_at FROM answers
    UNION ALL
    SELECT c.client_id, 'checkin', c.action_id,
        json_object('status', 'checked_in', 'id', c.client_id,
            'leader', json_object('id', l.id, 'name', l.name, 'code', l.code,
                'institution', json_object('id', i.id, 'name', i.name),
                'chapter', json_object('id', h.id, 'name', h.name)),
            'at', c.scanned_at),
        c.recorded_at
    FROM checkins c JOIN leaders l ON l.id = c.leader_id
    JOIN institutions i ON i.id = c.institution_id JOIN chapters h ON h.id = i.chapter_id
    WHERE NOT EXISTS (SELECT 1 FROM answers a WHERE a.client_id = c.client_id);

-- The writer's index reloads one leader's codes after a reissue.
CREATE INDEX badge_codes_leader ON badge_codes(leader_id);
-- ... and reads the revoked codes when it starts.
CREATE INDEX badge_codes_revoked ON badge_codes(leader_id) WHERE revoked_at IS NOT NULL;
