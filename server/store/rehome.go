package store

// A venue's primary can be lost for good (its disk with it). Its standby
// then joins the primary's parent, the hub, in its place: the hub's
// organizer adds it there (peer add NAME --venue VENUE) and it is started
// again with that link and its own data folder. It holds a copy of what
// the primary made, which the primary handed down to it over their link,
// and some of that may never have reached the hub: a primary that died cut
// off from the hub took those writes with it.
//
// So the first time such a node starts with its new parent, it puts in its
// outbox every write it holds that its old primary made, and every door's
// last change (a door paired at the primary while cut off is known at the
// standby only). They go out as this node's own, under its name and its
// venue, which is the primary's: the new parent takes from a link only the
// writes made at that node or at a node it was told is below it, and the
// lost primary is neither (it was the parent's own child). Each node
// applies them once, by client id and a door's version, so those that had
// already reached it change nothing and the others count in the same hall.

// rehomed reports whether a node that joined wasParent, counting in
// wasVenue, and now joins parent, was its venue's standby and now joins
// another node in the primary's place.
func rehomed(wasParent, wasVenue, parent string) bool {
	return wasParent != "" && parent != "" && parent != wasParent && wasVenue == wasParent
}
