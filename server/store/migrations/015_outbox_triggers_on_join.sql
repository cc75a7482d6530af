-- The check-in's outbox triggers cost every INSERT a few microseconds even
-- when their WHEN is false, on every single node that never peers. They are
-- now made when a node first takes part in a network (peer_triggers.go),
-- and again at every open of a node that does.
DROP TRIGGER IF EXISTS peer_out_checkin;
DROP TRIGGER IF EXISTS peer_out_undo;
