-- A node's link to its parent records whether the parent refuses the
-- node's secret (it was revoked, or the link is wrong), so peer list and
-- the live view can say so instead of a bare "down".
ALTER TABLE peer_links ADD COLUMN refused INTEGER NOT NULL DEFAULT 0;
