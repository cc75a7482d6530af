package store

import (
	"database/sql"
	"fmt"
)

// SQLiteVersion is the version of the SQLite library built into this
// binary, for "presente version" and the server's first log line.
func SQLiteVersion() (string, error) {
	db, err := sql.Open("sqlite3", "file::memory:")
	if err != nil {
		return "", fmt.Errorf("open sqlite: %w", err)
	}
	defer db.Close()
	var v string
	if err := db.QueryRow(`SELECT sqlite_version()`).Scan(&v); err != nil {
		return "", fmt.Errorf("ask sqlite its version: %w", err)
	}
	return v, nil
}
