package server

import (
	"database/sql"
	"net"
	"path/filepath"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"
)

// minimalGroup is how many waiting rows the minimal path commits at once.
const minimalGroup = 64

// minimalServer is the baseline of the check-in figure: the least a durable
// check-in over HTTP can cost with Presente's design. A bare Fiber handler
// decodes {id, code}, hands one small row to a group-commit writer (WAL,
// synchronous=FULL, up to 64 rows a transaction, one prepared INSERT) and
// answers 201 only after COMMIT. No auth, no badge lookup, no live tally.
type minimalServer struct {
	db    *sql.DB
	rows  chan minimalRow
	app   *fiber.App
	close chan struct{}
}

type minimalRow struct {
	id, code string
	done     chan error
}

// startMinimal serves the minimal durable path on ln, with its database in dir.
func startMinimal(tb testing.TB, ln net.Listener, dir string) *minimalServer {
	tb.Helper()
	m := &minimalServer{db: benchDB(tb, filepath.Join(dir, "minimal.db")),
		rows: make(chan minimalRow, 1024), close: make(chan struct{})}
	_, err := m.db.Exec(`CREATE TABLE checkins (id INTEGER PRIMARY KEY,
		client_id TEXT NOT NULL UNIQUE, code TEXT NOT NULL, scanned_at TEXT NOT NULL)`)
	if err != nil {
		tb.Fatal(err)
	}
	go m.writer()
	m.app = fiber.New(fiber.Config{DisableStartupMessage: true, BodyLimit: BodyLimit})
	m.app.Post("/checkins", m.checkIn)
	go m.app.Listener(ln)
	return m
}

// Close stops the app, then the writer.
func (m *minimalServer) Close() {
	m.app.Shutdown()
	close(m.rows)
	<-m.close
}

func (m *minimalServer) checkIn(c *fiber.Ctx) error {
	var body struct{ ID, Code string }
	if err := c.BodyParser(&body); err != nil {
		return fiber.ErrBadRequest
	}
	row := minimalRow{id: body.ID, code: body.Code, done: make(chan error, 1)}
	m.rows <- row
	if err := <-row.done; err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(fiber.Map{"status": "checked_in", "id": body.ID})
}

// writer commits whatever rows are waiting, up to minimalGroup at once.
func (m *minimalServer) writer() {
	defer close(m.close)
	ins, err := m.db.Prepare(`INSERT INTO checkins (client_id, code, scanned_at) VALUES (?, ?, ?)`)
	if err != nil {
		panic(err)
	}
	for row := range m.rows {
		group := []minimalRow{row}
	drain:
		for len(group) < minimalGroup {
			select {
			case r, ok := <-m.rows:
				if !ok {
					break drain
				}
				group = append(group, r)
			default:
				break drain
			}
		}
		m.commit(ins, group)
	}
}

func (m *minimalServer) commit(ins *sql.Stmt, group []minimalRow) {
	errs := make([]error, len(group))
	tx, err := m.db.Begin()
	if err == nil {
		at := time.Now().UTC().Format("2006-01-02T15:04:05.000Z")
		st := tx.Stmt(ins)
		for i, r := range group {
			_, errs[i] = st.Exec(r.id, r.code, at)
		}
		err = tx.Commit()
	}
	for i, r := range group {
		if err != nil {
			errs[i] = err
		}
		r.done <- errs[i]
	}
}
