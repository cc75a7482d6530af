package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"
)

func jsonDecode(r io.Reader, v any) error { return json.NewDecoder(r).Decode(v) }

var httpClient = &http.Client{Timeout: 10 * time.Second}

func newRequest(method, url, token, body string) (*http.Request, error) {
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err == nil {
		req.Header.Set("Authorization", "Bearer "+token)
		req.Header.Set("Content-Type", "application/json")
	}
	return req, err
}

// dashboard is a live WebSocket client, as the projector is.
type dashboard struct{ conn *websocket.Conn }

func dialDashboard(tb testing.TB, base, action, token string) dashboard {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	url := "ws" + strings.TrimPrefix(base, "http") + "/api/actions/" + action + "/live?token=" + token
	conn, _, err := websocket.Dial(ctx, url, nil)
	if err != nil {
		tb.Fatalf("dial live: %v", err)
	}
	tb.Cleanup(func() { conn.CloseNow() })
	var snap struct{ Type string }
	if _, b, err := conn.Read(ctx); err != nil || json.Unmarshal(b, &snap) != nil || snap.Type != "snapshot" {
		tb.Fatalf("first live message: %v %s", err, b)
	}
	return dashboard{conn}
}

type change struct {
	Type         string
	Delta, Total int
}

func (d dashboard) nextChange(tb testing.TB) change {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_, b, err := d.conn.Read(ctx)
	var c change
	if err != nil || json.Unmarshal(b, &c) != nil {
		tb.Fatalf("live message: %v %s", err, b)
	}
	return c
}
