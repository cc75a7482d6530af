package peer

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// A link's "writes waiting out" while it is down is what the stream the
// other side takes from gained since the mark of where it last took to
// (watch.go). The marks are kept in a file in the node's folder beside
// JetStream's, whose sequences they count in: a laptop restarted while
// its link is down still counts the writes it made apart.
const marksFile = "link-marks.json"

// loadMarks reads the marks a node kept; none for a node that kept none.
func loadMarks(dir string) (map[string]int64, error) {
	b, err := os.ReadFile(filepath.Join(dir, marksFile))
	if errors.Is(err, fs.ErrNotExist) {
		return map[string]int64{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read link marks: %w", err)
	}
	marks := map[string]int64{}
	if err := json.Unmarshal(b, &marks); err != nil {
		// A torn file costs a count shown low until the link is back, not a start.
		return map[string]int64{}, nil
	}
	return marks, nil
}

// mark records that the node called name took stream up to seq.
func (n *Node) mark(name string, seq int64) {
	if old, ok := n.taken[name]; ok && old == seq {
		return
	}
	n.taken[name] = seq
	n.marksChanged = true
}

// saveMarks writes the marks if they changed since they were last written.
func (n *Node) saveMarks() error {
	if !n.marksChanged {
		return nil
	}
	b, err := json.Marshal(n.taken)
	if err != nil {
		return fmt.Errorf("save link marks: %w", err)
	}
	path := filepath.Join(n.cfg.Dir, marksFile)
	if err := os.WriteFile(path+".tmp", b, 0o600); err != nil {
		return fmt.Errorf("save link marks: %w", err)
	}
	if err := os.Rename(path+".tmp", path); err != nil {
		return fmt.Errorf("save link marks: %w", err)
	}
	n.marksChanged = false
	return nil
}
