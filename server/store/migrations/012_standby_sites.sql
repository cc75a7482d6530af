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
