package store

import "database/sql"

// placeArrivals names, on a node of a network, the venue of each arrival
// the group's writes counted or uncounted (Event.Venue): the venue of the
// node it was made at, as HallCounts reckons it, so a venue's projector
// shows its own hall's arrivals. It reads inside the group's transaction,
// by client id; a single node's writer does not call it. A failed
// look-up leaves the venue unnamed: the arrival then shows in the whole
// action's curve only, and the write stands.
func placeArrivals(tx *sql.Tx, evs []Event) {
	var self string
	for i := range evs {
		if evs[i].Ref == "" || !isArrival(evs[i].Kind) {
			continue
		}
		if self == "" && tx.QueryRow(`SELECT name FROM peer_self`).Scan(&self) != nil {
			return // a single node
		}
		if evs[i].Kind == "checkin" || evs[i].Kind == "undo" {
			tx.QueryRow(venueOfCheckIn, self, evs[i].Ref).Scan(&evs[i].Venue)
		} else {
			tx.QueryRow(venueOfHeadcount, self, evs[i].Ref).Scan(&evs[i].Venue)
		}
	}
}

// isArrival tells the events that count or uncount an arrival.
func isArrival(kind string) bool {
	return kind == "checkin" || kind == "undo" || kind == "headcount" || kind == "headcount_undo"
}

// venueOfCheckIn and venueOfHeadcount are the venue of the check-in or the
// headcount whose client id is ?2: its node's (?1 for this one's own), as
// peer_nodes knows it, or the node's name.
const (
	venueOfCheckIn = `SELECT coalesce(p.venue, x.node) FROM (SELECT coalesce(origin, ?1) AS node FROM checkins
		WHERE client_id = ?2) x LEFT JOIN peer_nodes p ON p.name = x.node`
	venueOfHeadcount = `SELECT coalesce(p.venue, x.node) FROM (SELECT coalesce(origin, ?1) AS node FROM headcounts
		WHERE client_id = ?2) x LEFT JOIN peer_nodes p ON p.name = x.node`
)
