-- A standby at the venue. A node added with "peer add NAME --standby" is
-- the standby of this one (same hall, same doors); the others are venues.
-- Each node learns the HTTPS addresses (origins) its venue's door phones
-- may send to: a primary its standbys', a standby its primary's. A door
-- phone tries its own node first and the other when it does not answer;
-- the standby accepts those writes cross-origin from exactly these origins.
ALTER TABLE peers ADD COLUMN standby INTEGER NOT NULL DEFAULT 0;

CREATE TABLE venue_sites (
    node    TEXT PRIMARY KEY,
    role    TEXT NOT NULL CHECK (role IN ('primary', 'standby')), -- what that node is to this one
    origins TEXT NOT NULL, -- a JSON array of origins, "https://192.0.2.10:8443"
    seen_at TEXT NOT NULL
) WITHOUT ROWID;

-- A door paired by QR gets its token when the phone claims the link: that
-- token must come down too, or the standby would refuse the door it is
-- there to take over (009 sends a door's name and revocation only).
CREATE TRIGGER peer_roster_doors_3 AFTER UPDATE OF token_hash ON doors WHEN EXISTS (SELECT 1 FROM peer_self WHERE parent = '') AND NOT EXISTS (SELECT 1 FROM peer_applying)
BEGIN INSERT INTO peer_roster_outbox (kind, id, id2) VALUES ('door', NEW.id, 0); END;
