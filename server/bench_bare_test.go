package server

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/coder/websocket"

	"presente/server/live"
)

// bareServer is the baseline of the live figures: the least a broadcast can
// do with the same design (a buffered channel and a writer per connection,
// publish never waits). Plain net/http and coder/websocket; no Fiber, no
// SQLite, no auth. POST /publish broadcasts a message of the given size.
type bareServer struct {
	size int
	mu   sync.Mutex
	seq  int64
	subs map[chan []byte]struct{}
	srv  *http.Server
	URL  string
}

// startBare serves a bare broadcast on ln with messages of size bytes.
func startBare(ln net.Listener, size int) *bareServer {
	b := &bareServer{size: size, subs: map[chan []byte]struct{}{}}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /live", b.live)
	mux.HandleFunc("POST /publish", b.publish)
	b.srv = &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	b.URL = "http://" + ln.Addr().String()
	go b.srv.Serve(ln)
	return b
}

// Close ends the server and every connection.
func (b *bareServer) Close() { b.srv.Close() }

func (b *bareServer) live(w http.ResponseWriter, r *http.Request) {
	conn, err := websocket.Accept(w, r, nil)
	if err != nil {
		return
	}
	defer conn.CloseNow()
	conn.SetReadLimit(readLimit)
	ctx := conn.CloseRead(context.Background())
	c := make(chan []byte, live.LogSize)
	b.mu.Lock()
	b.subs[c] = struct{}{}
	first := b.message("snapshot")
	b.mu.Unlock()
	defer b.unsubscribe(c)
	if bareWrite(ctx, conn, first) != nil {
		return
	}
	for {
		select {
		case msg, ok := <-c:
			if !ok || bareWrite(ctx, conn, msg) != nil {
				return
			}
		case <-ctx.Done():
			return
		}
	}
}

func bareWrite(ctx context.Context, conn *websocket.Conn, msg []byte) error {
	ctx, cancel := context.WithTimeout(ctx, writeWait)
	defer cancel()
	return conn.Write(ctx, websocket.MessageText, msg)
}

func (b *bareServer) unsubscribe(c chan []byte) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if _, ok := b.subs[c]; ok {
		delete(b.subs, c)
		close(c)
	}
}

func (b *bareServer) publish(w http.ResponseWriter, r *http.Request) {
	b.mu.Lock()
	b.seq++
	msg := b.message("change")
	for c := range b.subs {
		select {
		case c <- msg:
		default:
			delete(b.subs, c)
			close(c)
		}
	}
	b.mu.Unlock()
	w.WriteHeader(http.StatusNoContent)
}

// message is a message of the server's size carrying the sequence number
// and the total as Presente's messages do; b.mu is held.
func (b *bareServer) message(kind string) []byte {
	msg := fmt.Sprintf(`{"type":%q,"seq":%d,"total":%d,"pad":""}`, kind, b.seq, b.seq)
	if pad := b.size - len(msg); pad > 0 {
		msg = strings.Replace(msg, `"pad":""`, `"pad":"`+strings.Repeat("x", pad)+`"`, 1)
	}
	return []byte(msg)
}
