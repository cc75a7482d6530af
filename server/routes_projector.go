package server

import "github.com/gofiber/fiber/v2"

// projectorRoutes adds the routes of the projector and the credentials roll
// call. The pages are static files:
//
//   - /projector/#token=disp_…&action=N opens the projector as a display; the
//     token rides in the fragment, which no request line or log ever holds,
//     and the page keeps it and takes it out of the address bar;
//   - /projector/?action=N opens it for a signed-in organizer, who may also
//     close the credentials there;
//   - /live/?action=N is the organizers' live view.
//
// Credentials close once; closing again must be asked for ({"again": true})
// and keeps the earlier closing in the record.
func (s *Server) projectorRoutes(app *fiber.App, api, action fiber.Router) {
	action.Get("/arrivals", s.arrivals)
	action.Get("/credentials", s.credentials)
	action.Post("/credentials", s.closeCredentials)
}
