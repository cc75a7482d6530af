package peer

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net/url"
	"strings"

	"github.com/nats-io/nats-server/v2/server"
)

// remoteOptions is the leaf link to the node l names: TLS pinned to its
// certificate, and this node's name and secret as the credentials.
func remoteOptions(l Link) (*server.RemoteLeafOpts, error) {
	u, err := url.Parse("nats-leaf://" + l.Addr)
	if err != nil {
		return nil, fmt.Errorf("join link address: %w", err)
	}
	u.User = url.UserPassword(l.Name, l.Secret)
	return &server.RemoteLeafOpts{
		URLs:       []*url.URL{u},
		TLS:        true,
		TLSConfig:  pinned(l.Fingerprint),
		TLSTimeout: 5,
	}, nil
}

func randomSecret() string {
	b := make([]byte, 24)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// natsLog passes the embedded server's warnings and errors to the node's
// log; its notices are too many for an event day's terminal. It calls
// refused when the parent refuses this node's credentials.
type natsLog struct {
	log     *slog.Logger
	refused func()
}

func (l natsLog) Noticef(format string, v ...any) { l.log.Debug("nats: " + fmt.Sprintf(format, v...)) }
func (l natsLog) Warnf(format string, v ...any) {
	msg := fmt.Sprintf(format, v...)
	if strings.Contains(msg, "Sourcing state is outdated") {
		// what a stream says each time a source is restarted on purpose (kick.go)
		l.log.Debug("nats: " + msg)
		return
	}
	l.log.Warn("nats: " + msg)
}
func (l natsLog) Fatalf(format string, v ...any) { l.log.Error("nats: " + fmt.Sprintf(format, v...)) }
func (l natsLog) Errorf(format string, v ...any) {
	msg := fmt.Sprintf(format, v...)
	if strings.Contains(msg, "Leafnode Error") && strings.Contains(msg, "Authorization Violation") {
		l.refused()
	}
	l.log.Warn("nats: " + msg)
}
func (l natsLog) Debugf(format string, v ...any) {}
func (l natsLog) Tracef(format string, v ...any) {}
