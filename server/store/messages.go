package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxMessage bounds a prefilled text message: two SMS segments of
// accented text.
const MaxMessage = 320

// Messages are the text messages the chase and the follow-up lists prefill
// for an action, per language. Empty means the page's own default words.
type Messages struct {
	ES string `json:"es"`
	EN string `json:"en"`
}

// Messages returns an action's text messages.
func (s *Store) Messages(ctx context.Context, action int64) (Messages, error) {
	return messagesIn(ctx, s.read, action)
}

func messagesIn(ctx context.Context, q rowQuerier, action int64) (Messages, error) {
	var m Messages
	err := q.QueryRowContext(ctx, `SELECT sms_es, sms_en FROM actions WHERE id = ?`, action).Scan(&m.ES, &m.EN)
	if errors.Is(err, sql.ErrNoRows) {
		return m, fmt.Errorf("action %d: %w", action, ErrNotFound)
	}
	if err != nil {
		return m, fmt.Errorf("messages of action %d: %w", action, err)
	}
	return m, nil
}

// SetMessages changes an action's text messages.
func (s *Store) SetMessages(ctx context.Context, action int64, m Messages) error {
	m.ES, m.EN = strings.TrimSpace(m.ES), strings.TrimSpace(m.EN)
	for field, text := range map[string]string{"es": m.ES, "en": m.EN} {
		if err := checkMessage(field, text); err != nil {
			return err
		}
	}
	return s.write(ctx, func(tx *sql.Tx) ([]Event, error) {
		res, err := tx.Exec(`UPDATE actions SET sms_es = ?, sms_en = ? WHERE id = ?`, m.ES, m.EN, action)
		if err != nil {
			return nil, fmt.Errorf("set messages: %w", err)
		}
		return nil, affected(res, "action", action)
	})
}

// checkMessage allows line breaks in a message, and no other control.
func checkMessage(field, text string) error {
	switch {
	case !utf8.ValidString(text):
		return invalid(field, "not valid text")
	case utf8.RuneCountInString(text) > MaxMessage:
		return invalid(field, fmt.Sprintf("longer than %d characters", MaxMessage))
	case strings.IndexFunc(text, func(r rune) bool { return unicode.IsControl(r) && r != '\n' }) >= 0:
		return invalid(field, "control characters")
	}
	return nil
}
