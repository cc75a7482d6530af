package store

// percent is the one percentage rule of every report page and CSV: present
// over committed as a whole percent, rounded down, so that a report never
// shows more progress than was made and 100 means the commitment is met
// (199 of 200 is 99, not 100). The browser's numbers.js percent() is the
// same rule, so the projector, the live view and the reports agree. With
// no commitment there is no percent: nil.
func percent(present, committed int) *int {
	if committed <= 0 {
		return nil
	}
	p := present * 100 / committed
	return &p
}
