package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"database/sql/driver"
	"encoding/hex"
	"fmt"
	"sync"
)

// maxCachedTokens bounds the token cache; past it, it starts again empty.
const maxCachedTokens = 10_000

// tokenCache remembers which door or display each bearer token was last
// found to name, for exactly as long as nothing was committed to the
// database since. Every lookup first asks a read connection of its own for
// PRAGMA data_version, which moves with any commit made by another
// connection: this process's writer (the console, a replicated roster), or
// another process on the same file (the command line). Any move empties
// the cache, so a revocation stops its token at the very next request from
// wherever it came, while a busy door costs one pragma instead of a query.
// Only this process's own watch connection never writes.
type tokenCache struct {
	mu       sync.Mutex
	db       *sql.DB
	conn     *sql.Conn
	stmt     driver.Stmt // PRAGMA data_version, prepared on conn
	dest     []driver.Value
	version  int64
	doors    map[[32]byte]Door
	displays map[[32]byte]Display
}

// openTokenCache opens the cache's own read connection to the file at dsn.
func openTokenCache(ctx context.Context, dsn string) (*tokenCache, error) {
	c := &tokenCache{dest: make([]driver.Value, 1), doors: map[[32]byte]Door{}, displays: map[[32]byte]Display{}}
	var err error
	if c.db, err = sql.Open("sqlite3", dsn); err != nil {
		return nil, fmt.Errorf("open token cache: %w", err)
	}
	if c.conn, err = c.db.Conn(ctx); err == nil {
		err = c.conn.Raw(func(dc any) (err error) {
			c.stmt, err = dc.(driver.Conn).Prepare(`PRAGMA data_version`)
			return err
		})
	}
	if err != nil {
		c.db.Close()
		return nil, fmt.Errorf("open token cache: %w", err)
	}
	c.version, _ = c.dataVersion()
	return c, nil
}

// Close closes the cache's connection; lookups then go to the database.
func (c *tokenCache) Close() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.conn.Raw(func(any) error { return c.stmt.Close() })
	c.conn.Close()
	return c.db.Close()
}

// dataVersion reads PRAGMA data_version through the driver itself: through
// database/sql it would cost twice as much. The caller holds mu.
func (c *tokenCache) dataVersion() (int64, error) {
	err := c.conn.Raw(func(any) error {
		rows, err := c.stmt.(driver.StmtQueryContext).QueryContext(context.Background(), nil)
		if err != nil {
			return err
		}
		defer rows.Close()
		return rows.Next(c.dest)
	})
	v, ok := c.dest[0].(int64)
	if err == nil && !ok {
		err = fmt.Errorf("data version is %T", c.dest[0])
	}
	return v, err
}

// fresh empties the cache if anything was committed since it was filled,
// and returns the version it now holds; ok is false when the version could
// not be read, and then nothing may be answered from the cache or kept in
// it. The caller holds mu.
func (c *tokenCache) fresh() (version int64, ok bool) {
	v, err := c.dataVersion()
	if err != nil {
		return 0, false
	}
	if v != c.version {
		clear(c.doors)
		clear(c.displays)
		c.version = v
	}
	return v, true
}

// cachedByToken answers what token names from m, a map of c, or from load
// (given the token's hash) and keeps that answer in m unless the database
// changed while it was loaded. An error is never kept: not-found tokens
// could fill the cache.
func cachedByToken[T any](c *tokenCache, m map[[32]byte]T, token string, load func(hash string) (T, error)) (T, error) {
	key := sha256.Sum256([]byte(token))
	c.mu.Lock()
	version, ok := c.fresh()
	got, hit := m[key]
	c.mu.Unlock()
	if ok && hit {
		return got, nil
	}
	// Loaded after the version was read: a commit since moves the version,
	// so what is kept below is still what the database says at it.
	got, err := load(hex.EncodeToString(key[:]))
	if err != nil || !ok {
		return got, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.version == version {
		if len(m) >= maxCachedTokens {
			clear(m)
		}
		m[key] = got
	}
	return got, nil
}
