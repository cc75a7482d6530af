package store

import "time"

// checkpointEvery is how often the WAL is copied back into the database file.
const checkpointEvery = 250 * time.Millisecond

// checkpointer copies the WAL into the database file, from the read pool,
// until Close: the writer's connection never checkpoints (its
// wal_autocheckpoint is 0), so no commit waits for a checkpoint. A PASSIVE
// checkpoint never blocks the writer or a reader; SQLite starts the WAL
// over once all of it is copied and no reader still needs it.
func (s *Store) checkpointer() {
	defer close(s.checkpointed)
	tick := time.NewTicker(checkpointEvery)
	defer tick.Stop()
	for {
		select {
		case <-tick.C:
			s.read.Exec(`PRAGMA wal_checkpoint(PASSIVE)`)
		case <-s.stopCheckpoints:
			return
		}
	}
}
