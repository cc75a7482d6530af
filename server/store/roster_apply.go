package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// ApplyRoster applies records that came down from the hub, in order, each
// an insert or an update of the record with the same identity here. What
// the hub authored wins over a change made here.
func (s *Store) ApplyRoster(ctx context.Context, rs []RosterRecord) []error {
	errs := make([]error, len(rs))
	reqs := make([]*writeReq, len(rs))
	for i, r := range rs {
		reqs[i], errs[i] = s.enqueue(ctx, &writeReq{fn: s.rosterFunc(r)})
	}
	for i, req := range reqs {
		if req != nil {
			errs[i] = <-req.done
		}
		if errs[i] != nil {
			errs[i] = fmt.Errorf("apply %s %s: %w", rs[i].Kind, rs[i].Key(), errs[i])
		}
	}
	return errs
}

func (s *Store) rosterFunc(r RosterRecord) func(tx *sql.Tx) ([]Event, error) {
	return func(tx *sql.Tx) ([]Event, error) {
		if _, err := tx.Exec(`INSERT INTO peer_applying (one) VALUES (1)`); err != nil {
			return nil, fmt.Errorf("flag applying: %w", err)
		}
		action, err := applyRecord(tx, r, formatTime(s.stamp()))
		if err != nil {
			return nil, err
		}
		if _, err := tx.Exec(`DELETE FROM peer_applying`); err != nil {
			return nil, fmt.Errorf("unflag applying: %w", err)
		}
		if r.Kind == "leader" || r.Kind == "door" || r.Kind == "display" || r.Kind == "organizer" || r.Kind == "network" {
			return nil, nil // the tally holds none of these
		}
		return []Event{{Kind: "structure", Action: action}}, nil
	}
}

// applyRecord writes r and returns the local id of its action, 0 if none.
func applyRecord(tx *sql.Tx, r RosterRecord, now string) (int64, error) {
	if r.Deleted {
		return 0, deleteRecord(tx, r)
	}
	var action, inst int64
	var err error
	if r.Action != nil {
		if action, err = upsertAction(tx, r.Action); err != nil {
			return 0, err
		}
	}
	if r.Institution != nil {
		if inst, err = upsertInstitution(tx, r.Chapter, r.Institution); err != nil {
			return 0, err
		}
	} else if r.Chapter != nil {
		if _, err = upsertChapter(tx, r.Chapter); err != nil {
			return 0, err
		}
	}
	switch r.Kind {
	case "leader":
		err = upsertLeader(tx, inst, r.Leader, now)
	case "commitment":
		_, err = tx.Exec(`INSERT INTO commitments (action_id, institution_id, number) VALUES (?, ?, ?)
			ON CONFLICT (action_id, institution_id) DO UPDATE SET number = excluded.number`, action, inst, r.Committed)
	case "door", "display":
		err = upsertToken(tx, r, action, now)
	case "network":
		_, err = tx.Exec(`INSERT INTO network (id, name) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name`,
			r.Network)
	case "organizer":
		_, err = tx.Exec(`INSERT INTO organizers (name, password_hash) VALUES (?, ?)
			ON CONFLICT (name) DO UPDATE SET password_hash = excluded.password_hash`, r.Organizer.Name, r.Organizer.PasswordHash)
	}
	if err != nil {
		return 0, fmt.Errorf("apply %s: %w", r.Kind, err)
	}
	return action, nil
}

// deleteRecord deletes what a tombstone names, unless something here still
// uses it (a leader checked in here, an institution with leaders): then it
// stays, as it would at the hub.
func deleteRecord(tx *sql.Tx, r RosterRecord) error {
	var err error
	switch r.Kind {
	case "chapter":
		_, err = tx.Exec(`DELETE FROM chapters WHERE uid = ?`, r.Chapter.UID)
	case "institution":
		_, err = tx.Exec(`DELETE FROM institutions WHERE uid = ?`, r.Institution.UID)
	case "leader":
		err = deleteLeaderByUID(tx, r.Leader.UID)
	}
	if err == nil {
		return nil
	}
	if err = inUseErr(err, "delete "+r.Kind); !errors.Is(err, ErrInUse) {
		return err
	}
	return nil
}

func deleteLeaderByUID(tx *sql.Tx, uid string) error {
	var n int
	err := tx.QueryRow(`SELECT (SELECT count(*) FROM checkins c JOIN leaders l ON l.id = c.leader_id WHERE l.uid = ?1) +
		(SELECT count(*) FROM walkins w JOIN leaders l ON l.id = w.leader_id WHERE l.uid = ?1)`, uid).Scan(&n)
	if err != nil || n > 0 {
		return err
	}
	if _, err := tx.Exec(`DELETE FROM badge_codes WHERE leader_id IN (SELECT id FROM leaders WHERE uid = ?)`, uid); err != nil {
		return err
	}
	_, err = tx.Exec(`DELETE FROM leaders WHERE uid = ?`, uid)
	return err
}

// findID runs each query in turn and returns the first id found, 0 if none.
func findID(tx *sql.Tx, queries ...func() *sql.Row) (int64, error) {
	for _, q := range queries {
		var id int64
		err := q().Scan(&id)
		if err == nil {
			return id, nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return 0, err
		}
	}
	return 0, nil
}

// inserted is the id of the row an INSERT made.
func inserted(res sql.Result, err error) (int64, error) {
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

func upsertChapter(tx *sql.Tx, c *RChapter) (int64, error) {
	id, err := findID(tx,
		func() *sql.Row { return tx.QueryRow(`SELECT id FROM chapters WHERE uid = ?`, c.UID) },
		func() *sql.Row { return tx.QueryRow(`SELECT id FROM chapters WHERE name = ?`, c.Name) })
	if err != nil {
		return 0, err
	}
	if id != 0 {
		_, err = tx.Exec(`UPDATE chapters SET uid = ?, name = ? WHERE id = ?`, c.UID, c.Name, id)
		return id, err
	}
	return inserted(tx.Exec(`INSERT INTO chapters (uid, name) VALUES (?, ?)`, c.UID, c.Name))
}

func upsertInstitution(tx *sql.Tx, c *RChapter, in *RInstitution) (int64, error) {
	ch, err := upsertChapter(tx, c)
	if err != nil {
		return 0, err
	}
	id, err := findID(tx,
		func() *sql.Row { return tx.QueryRow(`SELECT id FROM institutions WHERE uid = ?`, in.UID) },
		func() *sql.Row {
			return tx.QueryRow(`SELECT id FROM institutions WHERE chapter_id = ? AND name = ?`, ch, in.Name)
		})
	if err != nil {
		return 0, err
	}
	if id != 0 {
		_, err = tx.Exec(`UPDATE institutions SET uid = ?, chapter_id = ?, name = ?, kind = ?, contact_name = ?,
			contact_phone = ? WHERE id = ?`, in.UID, ch, in.Name, in.Kind, in.ContactName, in.ContactPhone, id)
		return id, err
	}
	return inserted(tx.Exec(`INSERT INTO institutions (uid, chapter_id, name, kind, contact_name, contact_phone)
		VALUES (?, ?, ?, ?, ?, ?)`, in.UID, ch, in.Name, in.Kind, in.ContactName, in.ContactPhone))
}

func upsertAction(tx *sql.Tx, a *RAction) (int64, error) {
	id, err := findID(tx, func() *sql.Row { return tx.QueryRow(`SELECT id FROM actions WHERE uid = ?`, a.UID) })
	if err != nil {
		return 0, err
	}
	if id != 0 {
		_, err = tx.Exec(`UPDATE actions SET uid = ?, name = ?, date = ?, starts_at = ?, venue = ?, goal = ?,
			headcount_max = ?, sms_es = ?, sms_en = ? WHERE id = ?`, a.UID, a.Name, a.Date, a.StartsAt, a.Venue, a.Goal,
			a.HeadcountMax, a.SmsES, a.SmsEN, id)
	} else {
		id, err = inserted(tx.Exec(`INSERT INTO actions (uid, name, date, starts_at, venue, goal, headcount_max, sms_es, sms_en)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, a.UID, a.Name, a.Date, a.StartsAt, a.Venue, a.Goal, a.HeadcountMax,
			a.SmsES, a.SmsEN))
	}
	if err != nil {
		return id, err
	}
	if a.Shares != nil { // a hub that sent no shares said nothing of them
		if err := replaceShares(tx, id, a.Shares); err != nil {
			return id, err
		}
	}
	if a.Needs == nil {
		return id, nil // nor of needs
	}
	return id, replaceNeeds(tx, id, a.Needs)
}

// replaceShares sets the share of the goal each venue took on as the hub has it.
func replaceShares(tx *sql.Tx, action int64, shares map[string]int) error {
	if _, err := tx.Exec(`DELETE FROM venue_shares WHERE action_id = ?`, action); err != nil {
		return err
	}
	for venue, share := range shares {
		if share <= 0 {
			continue
		}
		if _, err := tx.Exec(`INSERT INTO venue_shares (action_id, venue, share) VALUES (?, ?, ?)`, action, venue, share); err != nil {
			return err
		}
	}
	return nil
}

// replaceNeeds names the action's needs as the hub does.
func replaceNeeds(tx *sql.Tx, action int64, names []string) error {
	if _, err := tx.Exec(`DELETE FROM action_needs WHERE action_id = ?`, action); err != nil {
		return err
	}
	for i, name := range names {
		if _, err := tx.Exec(`INSERT INTO action_needs (action_id, position, name) VALUES (?, ?, ?)`, action, i+1, name); err != nil {
			return err
		}
	}
	return nil
}

// upsertLeader finds the leader by uid, else by any of its badge codes,
// and brings it and its codes to what the hub has.
func upsertLeader(tx *sql.Tx, inst int64, l *RLeader, now string) error {
	byCode := func(code string) func() *sql.Row {
		return func() *sql.Row { return tx.QueryRow(`SELECT leader_id FROM badge_codes WHERE code = ?`, code) }
	}
	finds := []func() *sql.Row{
		func() *sql.Row { return tx.QueryRow(`SELECT id FROM leaders WHERE uid = ?`, l.UID) }, byCode(l.Code)}
	for _, c := range l.Revoked {
		finds = append(finds, byCode(c))
	}
	id, err := findID(tx, finds...)
	if err != nil {
		return err
	}
	if id != 0 {
		_, err = tx.Exec(`UPDATE leaders SET uid = ?, institution_id = ?, name = ?, phone = ?, email = ?,
			language = ?, code = ?, walk_in = ?, consent = coalesce(?, consent), external_id = ?, given_name = ?
			WHERE id = ?`, l.UID, inst, l.Name, l.Phone, l.Email, l.Language, l.Code, l.WalkIn, l.Consent, l.ExternalID,
			l.GivenName, id)
	} else {
		id, err = inserted(tx.Exec(`INSERT INTO leaders (uid, institution_id, name, phone, email, language, code, walk_in,
			consent, external_id, given_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, coalesce(?, NOT ?), ?, ?)`, l.UID, inst,
			l.Name, l.Phone, l.Email, l.Language, l.Code, l.WalkIn, l.Consent, l.WalkIn, l.ExternalID, l.GivenName))
	}
	if err != nil {
		return err
	}
	if _, err := tx.Exec(`INSERT INTO badge_codes (code, leader_id) VALUES (?, ?)
		ON CONFLICT (code) DO UPDATE SET leader_id = excluded.leader_id, revoked_at = NULL`, l.Code, id); err != nil {
		return err
	}
	for _, c := range l.Revoked {
		if _, err := tx.Exec(`INSERT INTO badge_codes (code, leader_id, revoked_at) VALUES (?, ?, ?)
			ON CONFLICT (code) DO UPDATE SET revoked_at = coalesce(revoked_at, excluded.revoked_at)`, c, id, now); err != nil {
			return err
		}
	}
	return nil
}

// upsertToken writes a door by its uid, as a change of its token that came
// up would (a door from a hub that sent no uid is passed over: its token
// may have changed since, and such a hub sends each door again by uid), or
// a display by its token's hash.
func upsertToken(tx *sql.Tx, r RosterRecord, action int64, now string) error {
	t := r.Door
	if r.Kind == "door" {
		if t.UID == "" {
			return nil
		}
		return takeDoor(tx, action, t.Change, WriteDoor{UID: t.UID, Name: t.Name, TokenHash: t.TokenHash,
			Version: t.Version, Revoked: t.Revoked}, now)
	}
	t = r.Display
	var revoked any
	if t.Revoked {
		revoked = now
	}
	const keep = `revoked_at = CASE WHEN excluded.revoked_at IS NULL THEN NULL
		ELSE coalesce(revoked_at, excluded.revoked_at) END`
	_, err := tx.Exec(`INSERT INTO displays (action_id, token_hash, revoked_at) VALUES (?, ?, ?)
		ON CONFLICT (token_hash) DO UPDATE SET action_id = excluded.action_id, `+keep, action, t.TokenHash, revoked)
	return err
}
