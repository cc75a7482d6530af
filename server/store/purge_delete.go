package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// deleteCheckIns deletes every check-in of the action, undone ones too, and
// first every row of any table that refers to one of them: the references
// are read from the schema, so a table added later is not missed. Stored
// answers keep only the client id and a "purged" status.
func deleteCheckIns(tx *sql.Tx, action int64) (int, error) {
	refs, err := checkInReferences(tx)
	if err != nil {
		return 0, err
	}
	for _, r := range refs {
		_, err := tx.Exec(`DELETE FROM `+quoteIdent(r[0])+` WHERE `+quoteIdent(r[1])+
			` IN (SELECT id FROM checkins WHERE action_id = ?)`, action)
		if err != nil {
			return 0, fmt.Errorf("delete from %s: %w", r[0], err)
		}
	}
	if err := scrubAnswers(tx, action); err != nil {
		return 0, err
	}
	res, err := tx.Exec(`DELETE FROM checkins WHERE action_id = ?`, action)
	if err != nil {
		return 0, fmt.Errorf("delete check-ins: %w", err)
	}
	n, err := res.RowsAffected()
	return int(n), err
}

// checkInReferences lists (table, column) pairs with a foreign key to checkins.
func checkInReferences(tx *sql.Tx) ([][2]string, error) {
	var out [][2]string
	err := eachRow(context.Background(), tx, `SELECT m.name, f."from" FROM sqlite_master m
		JOIN pragma_foreign_key_list(m.name) f WHERE m.type = 'table' AND f."table" = 'checkins'
		ORDER BY m.name`, func(rows *sql.Rows) error {
		var r [2]string
		err := rows.Scan(&r[0], &r[1])
		out = append(out, r)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("find references to check-ins: %w", err)
	}
	return out, nil
}

func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// scrubAnswers leaves, for every client id of the action's check-ins, a
// stored answer with only the id and a "purged" status, so that a replay
// after the purge still counts nobody. A check-in answered from its own row
// gets one now, before the row goes.
func scrubAnswers(tx *sql.Tx, action int64) error {
	_, err := tx.Exec(`INSERT INTO answers (client_id, kind, action_id, body)
		SELECT client_id, 'checkin', action_id, '{}' FROM checkins c
		WHERE action_id = ? AND NOT EXISTS (SELECT 1 FROM answers a WHERE a.client_id = c.client_id)`, action)
	if err != nil {
		return fmt.Errorf("keep purged answers: %w", err)
	}
	_, err = tx.Exec(`UPDATE answers SET body = json_object('status', 'purged', 'id', client_id)
		WHERE action_id = ? AND kind <> 'headcount'`, action)
	if err != nil {
		return fmt.Errorf("scrub answers: %w", err)
	}
	return nil
}
