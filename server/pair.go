package server

import (
	"encoding/base64"
	"errors"
	"net/http"

	"github.com/gofiber/fiber/v2"
	qrcode "github.com/skip2/go-qrcode"

	"presente/server/store"
)

// createPairing adds a door with a name and answers its pairing link.
func (s *Server) createPairing(c *fiber.Ctx) error {
	door, _, err := s.newDoor(c) // the phone gets its own token when it claims the link
	if err != nil {
		return err
	}
	return s.pairDoor(c, door.Action, door.ID)
}

// repairDoor answers a fresh pairing link for an existing door, to move it
// to another phone; the phone it had stops working once the link is used.
func (s *Server) repairDoor(c *fiber.Ctx) error {
	action := actionOf(c)
	id, err := idParam(c, "door")
	if err != nil {
		return err
	}
	return s.pairDoor(c, action, id)
}

func (s *Server) pairDoor(c *fiber.Ctx, action, door int64) error {
	p, err := s.store.CreatePairing(c.UserContext(), action, door)
	if err != nil {
		return errAt(pairingLink, err)
	}
	link := httpsBase(c) + "/pair/#code=" + p.Code
	png, err := qrcode.Encode(link, qrcode.Medium, 480)
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.Status(http.StatusCreated).JSON(fiber.Map{"door": p.Door, "code": p.Code, "url": link,
		"expires_at": p.Expires, "qr": "data:image/png;base64," + base64.StdEncoding.EncodeToString(png)})
}

// claimPairing hands a phone its door token in exchange for a pairing code,
// once. It needs no credential: the code is the credential. The venue's
// addresses tell the pairing page whether there is a standby to accept.
func (s *Server) claimPairing(c *fiber.Ctx) error {
	var body struct {
		Code string `json:"code"`
	}
	if err := decode(c, &body); err != nil {
		return err
	}
	door, token, err := s.store.ClaimPairing(c.UserContext(), body.Code)
	if err != nil {
		s.notePairing(c, err)
		return errAt(pairingLink, err)
	}
	a, err := s.store.Action(c.UserContext(), door.Action)
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.JSON(fiber.Map{"token": token, "door": door, "action": a, "venue": s.venueFor(c)})
}

// notePairing logs a pairing code that was refused: used, expired, unknown
// or of a revoked door. A failure to look it up is not the caller's doing.
func (s *Server) notePairing(c *fiber.Ctx, err error) {
	for _, why := range []struct {
		err    error
		detail string
	}{
		{store.ErrPairingUsed, "used"}, {store.ErrPairingExpired, "expired"},
		{store.ErrNotFound, "unknown"}, {store.ErrDoorRevoked, "door revoked"},
	} {
		if errors.Is(err, why.err) {
			s.warn(c, evPairing, why.detail)
			return
		}
	}
}
