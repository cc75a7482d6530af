package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// NewLeader is a person to add to the roster.
type NewLeader struct {
	Name        string
	Institution int64
	Phone       string
	Email       string
	Language    string // "es" (default) or "en"
	WalkIn      bool
	// Consent: the person may be called, texted and exported to a CRM. Nil
	// is yes for a new leader (the network's own roster) and, on an update,
	// keeps what it was.
	Consent    *bool
	ExternalID string // the person's id in a CRM ("van:123"), or ""
	// GivenName is the given name(s) the name begins with, when an import
	// had them in a column of their own ("María José" of "María José
	// Núñez"), for a CRM export to split the name by; "" when unknown.
	GivenName string
}

// consented is what a new leader's consent is stored as.
func (nl NewLeader) consented() bool { return nl.Consent == nil || *nl.Consent }

// check trims the name, defaults the language to Spanish and refuses what
// the roster cannot hold.
func (nl *NewLeader) check() error {
	nl.Name = strings.TrimSpace(nl.Name)
	if err := checkName("name", nl.Name); err != nil {
		return err
	}
	if !StartsWithWords(nl.Name, nl.GivenName) {
		nl.GivenName = ""
	}
	switch nl.Language {
	case "":
		nl.Language = "es"
	case "es", "en":
	default:
		return invalid("language", "must be es or en")
	}
	if err := checkContact("phone", nl.Phone, 40); err != nil {
		return err
	}
	return checkContact("email", nl.Email, 200)
}

// LeaderRef is what a door shows about the leader it scanned.
type LeaderRef struct {
	ID          int64  `json:"id"`
	Name        string `json:"name"`
	Code        string `json:"code,omitempty"`
	Institution Ref    `json:"institution"`
	Chapter     Ref    `json:"chapter"`
}

// AddLeaders adds leaders, each with a fresh badge code, in one transaction.
func (s *Store) AddLeaders(ctx context.Context, leaders []NewLeader) ([]LeaderRef, error) {
	for i := range leaders {
		if err := leaders[i].check(); err != nil {
			return nil, fmt.Errorf("leader %d: %w", i+1, err)
		}
	}
	var out []LeaderRef
	err := s.write(ctx, func(tx *sql.Tx) ([]Event, error) {
		out = out[:0]
		for _, nl := range leaders {
			l, err := insertLeader(tx, nl)
			if err != nil {
				return nil, err
			}
			out = append(out, l)
		}
		return nil, nil
	})
	return out, err
}

// insertLeader writes a checked leader with a fresh badge code: every path
// that adds a leader (the console, a walk-in, a paper sheet, an import)
// comes through here.
func insertLeader(tx *sql.Tx, nl NewLeader) (LeaderRef, error) {
	l := LeaderRef{Name: nl.Name, Code: NewCode(), Institution: Ref{ID: nl.Institution}}
	res, err := tx.Exec(`INSERT INTO leaders (institution_id, name, phone, email, language, code, walk_in, consent,
		external_id, given_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, nl.Institution, nl.Name, nl.Phone, nl.Email,
		nl.Language, l.Code, nl.WalkIn, nl.consented(), nl.ExternalID, nl.GivenName)
	if err != nil {
		return l, fmt.Errorf("insert leader: %w", err)
	}
	if l.ID, err = res.LastInsertId(); err != nil {
		return l, err
	}
	if _, err := tx.Exec(`INSERT INTO badge_codes (code, leader_id) VALUES (?, ?)`, l.Code, l.ID); err != nil {
		return l, fmt.Errorf("insert badge code: %w", err)
	}
	return l, nil
}

// UpdateLeader changes a leader's name, institution, phone, email and
// language, and their consent when nl.Consent says. Check-ins already made
// keep the institution they were made for. The given name the leader was
// imported with stays only while the name still begins with it.
func (s *Store) UpdateLeader(ctx context.Context, id int64, nl NewLeader) error {
	if err := nl.check(); err != nil {
		return err
	}
	return s.write(ctx, func(tx *sql.Tx) ([]Event, error) {
		if _, err := institutionRef(tx, nl.Institution); err != nil {
			return nil, err
		}
		res, err := tx.Exec(`UPDATE leaders SET name = ?1, institution_id = ?2, phone = ?3, email = ?4, language = ?5,
			consent = coalesce(?6, consent), given_name = CASE WHEN `+givenKept+` THEN given_name ELSE '' END
			WHERE id = ?7`, nl.Name, nl.Institution, nl.Phone, nl.Email, nl.Language, nl.Consent, id)
		if err != nil {
			return nil, fmt.Errorf("update leader: %w", err)
		}
		return nil, affected(res, "leader", id)
	})
}

// givenKept is true when the new name ?1 still begins with the leader's
// given name as whole words (StartsWithWords in SQL).
const givenKept = `(?1 = given_name OR substr(?1, 1, length(given_name) + 1) = given_name || ' ')`

// StartsWithWords reports whether name begins with the whole words of
// given: "María José Núñez" with "María José", not with "María Jo" nor "".
func StartsWithWords(name, given string) bool {
	rest, ok := strings.CutPrefix(name, given)
	return given != "" && ok && (rest == "" || rest[0] == ' ')
}

// DeleteLeader removes a leader who was never checked in, with their badge
// codes; a leader with check-ins stays (ErrInUse), so counts never change.
func (s *Store) DeleteLeader(ctx context.Context, id int64) error {
	return s.write(ctx, func(tx *sql.Tx) ([]Event, error) {
		var n int
		err := tx.QueryRow(`SELECT (SELECT count(*) FROM checkins WHERE leader_id = ?1) +
			(SELECT count(*) FROM walkins WHERE leader_id = ?1)`, id).Scan(&n)
		if err != nil {
			return nil, fmt.Errorf("check leader %d: %w", id, err)
		}
		if n > 0 {
			return nil, ErrInUse
		}
		if _, err := tx.Exec(`DELETE FROM badge_codes WHERE leader_id = ?`, id); err != nil {
			return nil, fmt.Errorf("delete badge codes: %w", err)
		}
		// What a purge kept of them goes with them: the counts stay frozen.
		if _, err := tx.Exec(`DELETE FROM purged_firsts WHERE leader_id = ?`, id); err != nil {
			return nil, fmt.Errorf("delete purged presence: %w", err)
		}
		res, err := tx.Exec(`DELETE FROM leaders WHERE id = ?`, id)
		if err != nil {
			return nil, inUseErr(err, "delete leader")
		}
		return nil, affected(res, "leader", id)
	})
}

// ReissueCode gives a leader a new badge code and revokes the old one: the
// old badge is then answered "revoked" at the door, never "unknown".
func (s *Store) ReissueCode(ctx context.Context, leader int64) (string, error) {
	code := NewCode()
	err := s.write(ctx, func(tx *sql.Tx) ([]Event, error) {
		var old string
		err := tx.QueryRow(`SELECT code FROM leaders WHERE id = ?`, leader).Scan(&old)
		if errors.Is(err, sql.ErrNoRows) {
			return nil, fmt.Errorf("leader %d: %w", leader, ErrNotFound)
		}
		if err != nil {
			return nil, fmt.Errorf("look up leader: %w", err)
		}
		stamp := formatTime(s.stamp())
		if _, err := tx.Exec(`UPDATE badge_codes SET revoked_at = ? WHERE code = ?`, stamp, old); err != nil {
			return nil, fmt.Errorf("revoke code: %w", err)
		}
		if _, err := tx.Exec(`UPDATE leaders SET code = ? WHERE id = ?`, code, leader); err != nil {
			return nil, fmt.Errorf("set code: %w", err)
		}
		_, err = tx.Exec(`INSERT INTO badge_codes (code, leader_id) VALUES (?, ?)`, code, leader)
		return nil, err
	})
	if err != nil {
		return "", fmt.Errorf("reissue code: %w", err)
	}
	return code, nil
}
