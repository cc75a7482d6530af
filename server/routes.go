package server

import (
	"slices"

	"github.com/gofiber/fiber/v2"
)

// route is one line of the route table: who may call it, and what answers.
type route struct {
	method, path string
	roles        role // zero: public, no credential needed
	handlers     []fiber.Handler
	forVenue     bool // also answers the pages of the venue's standby or primary (cors.go)
}

// The roles of each group of routes. Every guarded route is under /api.
const (
	public     role = 0
	signedIn        = roleOrganizer | roleDoor | roleDisplay // counts only: a projector may read them
	atTheDoor       = roleOrganizer | roleDoor               // names and codes, and the writes of the door
	doorItself      = roleDoor
	organizers      = roleOrganizer // the console: also never cached
)

// routeTable is every route of the app, grouped by who may call it. A
// caller outside a route's roles gets 403 forbidden, a credential of
// another action 403 wrong_action, no credential 401; an organizer's cookie
// must come with the X-CSRF-Token header on anything but GET. Static files
// answer whatever no route matches: the projector opens as a display at
// /projector/#token=disp_…&action=N (the token rides in the fragment, which
// no request line or log holds), and for organizers at /projector/?action=N
// and /live/?action=N.
func (s *Server) routeTable() []route {
	const a = "/api/actions/:action"
	return slices.Concat(
		group(public,
			get("/healthz", s.healthz),
			post("/api/session", s.signIn),
			post("/pair/claim", s.claimPairing),
			get("/https/info", s.httpsInfo),
			get("/https/qr.png", s.httpsQR),
			get(wasmPath, s.wasmHandler()),
			// the first run, for a browser on this machine only (thisMachineOnly guards all of /setup)
			get("/setup/state", s.setupState),
			post("/setup/network", s.setUp)),
		group(signedIn,
			get("/api/session", s.me),
			get("/api/actions", s.listActions),
			get(a+"/turnout", s.turnout),
			get(a+"/arrivals", s.arrivals),
			get(a+"/credentials", s.credentials),
			get(a+"/venues", s.venues),
			get(a+"/live", s.liveUpgrade, s.liveSocket())),
		// the door's own routes also answer a page of its venue's other node (cors.go)
		forVenue(group(atTheDoor,
			get(a+"/roster", s.roster),
			get(a+"/door/feed", s.doorFeed),
			post(a+"/checkins", s.createCheckIn),
			post(a+"/checkins/batch", s.createCheckIns),
			post(a+"/checkins/:id/undo", s.undoCheckIn),
			post(a+"/headcounts", s.createHeadcount),
			post(a+"/headcounts/:id/undo", s.undoHeadcount),
			post(a+"/walkins", s.createWalkIn),
			get(a+"/needs", s.needs), post(a+"/needs/counts", s.countNeed))),
		forVenue(group(doorItself,
			post(a+"/door/contact", s.doorContact))),
		group(organizers,
			del("/api/session", s.signOut),
			get("/api/network", s.network),
			get("/api/security/events", s.securityEvents),
			// the network and its roster; s.atHub: edited only at the hub of a network (or a node alone)
			get("/api/chapters", s.listChapters), post("/api/chapters", s.atHub, s.createChapter),
			put("/api/chapters/:id", s.atHub, s.renameChapter), del("/api/chapters/:id", s.atHub, s.deleteChapter),
			get("/api/institutions", s.listInstitutions), post("/api/institutions", s.atHub, s.createInstitution),
			put("/api/institutions/:id", s.atHub, s.updateInstitution), del("/api/institutions/:id", s.atHub, s.deleteInstitution),
			put("/api/institutions/:id/contact", s.atHub, s.setContact),
			get("/api/leaders", s.listLeaders), post("/api/leaders", s.atHub, s.createLeader),
			put("/api/leaders/:id", s.atHub, s.updateLeader), del("/api/leaders/:id", s.atHub, s.deleteLeader),
			post("/api/leaders/:leader/reissue", s.atHub, s.reissueBadge), get("/api/leaders/:leader/history", s.leaderHistory),
			post("/api/imports/roster", s.atHub, s.importRoster),
			get("/api/nodes", s.nodes),
			// actions, their commitments, doors, displays and badges
			post("/api/actions", s.atHub, s.createAction), get(a, s.getAction), put(a, s.atHub, s.updateAction),
			get(a+"/commitments", s.listCommitments), put(a+"/commitments", s.atHub, s.setCommitments),
			post(a+"/commitments/import", s.atHub, s.importCommitments),
			get(a+"/doors", s.listDoors), post(a+"/doors", s.createDoor),
			post(a+"/doors/:door/revoke", s.revokeDoor),
			post(a+"/pairings", s.createPairing), post(a+"/doors/:door/pairing", s.repairDoor),
			get(a+"/displays", s.listDisplays), post(a+"/displays", s.createDisplay),
			post(a+"/displays/:display/revoke", s.revokeDisplay),
			put(a+"/needs", s.atHub, s.setNeeds), put(a+"/messages", s.atHub, s.setMessages),
			put(a+"/venues", s.atHub, s.setVenueShares),
			get(a+"/badges.pdf", s.badgeSheet), get(a+"/leaders/:leader/badge.pdf", s.leaderBadge),
			// the day itself and after it
			get(a+"/chase", s.chase),
			post(a+"/paper", s.paperCheckIn), post(a+"/paper/leaders", s.paperLeader),
			post(a+"/credentials", s.closeCredentials),
			get(a+"/report", s.actionReport), get(a+"/report.csv", s.actionReportCSV),
			get(a+"/followup", s.followUp), get(a+"/followup.csv", s.followUpCSV),
			get(a+"/attendance.csv", s.attendanceCSV),
			post(a+"/purge", s.purgeAction),
			get("/api/history", s.history), get("/api/history.csv", s.historyCSV)),
	)
}

// routes puts the table on the app: the API's rate limits first, then the
// public routes and the door routes' preflight answers, then who is calling
// (for everything else under /api), then each guarded route behind its
// group's guard (a door route behind crossVenue first), and the static
// files last.
func (s *Server) routes(app *fiber.App) {
	for _, h := range s.throttles() {
		app.Use("/api", h)
		app.Use("/pair/claim", h)
	}
	app.Use("/setup", s.thisMachineOnly)
	table := s.routeTable()
	for _, r := range table {
		if r.roles == public {
			add(app, r.method, r.path, r.handlers...)
		}
	}
	s.preflights(app, table)
	app.Use("/api", s.authenticate)
	for _, r := range table {
		if r.roles == public {
			continue
		}
		guard := []fiber.Handler{s.allow(r.roles)}
		if r.forVenue {
			guard = append([]fiber.Handler{s.crossVenue}, guard...)
		}
		add(app, r.method, r.path, append(guard, r.handlers...)...)
	}
	app.Use("/", s.static())
}

// add puts one route on the app; a GET answers HEAD too, as app.Get does.
func add(app *fiber.App, method, path string, handlers ...fiber.Handler) {
	if method == fiber.MethodGet {
		app.Get(path, handlers...)
		return
	}
	app.Add(method, path, handlers...)
}

// group gives routes the roles that may call them.
func group(roles role, routes ...route) []route {
	for i := range routes {
		routes[i].roles = roles
	}
	return routes
}

// forVenue marks routes a page of the venue's other node may call.
func forVenue(routes []route) []route {
	for i := range routes {
		routes[i].forVenue = true
	}
	return routes
}

// get, post, put and del are the table's lines for each method.
func get(path string, h ...fiber.Handler) route  { return on(fiber.MethodGet, path, h) }
func post(path string, h ...fiber.Handler) route { return on(fiber.MethodPost, path, h) }
func put(path string, h ...fiber.Handler) route  { return on(fiber.MethodPut, path, h) }
func del(path string, h ...fiber.Handler) route  { return on(fiber.MethodDelete, path, h) }

func on(method, path string, h []fiber.Handler) route {
	return route{method: method, path: path, handlers: h}
}
