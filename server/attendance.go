package server

import (
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"presente/server/store"
)

// attendanceCSV is who came to an action, ?format=plain (the default, for
// the organizers' own spreadsheets), actionnetwork or van (to upload into
// the network's CRM). A CRM file holds only people who agreed to be
// contacted; the plain file lists everyone who came, with no phone or email
// for those who did not agree, in the words of its language (?lang=en), while
// a CRM file keeps the codes and English words its tool reads.
func (s *Server) attendanceCSV(c *fiber.Ctx) error {
	action := actionOf(c)
	write, ok := attendanceFormats[c.Query("format", "plain")]
	if !ok {
		return &apiError{Status: http.StatusBadRequest, Code: "invalid_format", Field: "format",
			Message: "format must be plain, actionnetwork or van"}
	}
	a, err := s.store.Action(c.UserContext(), action)
	if err != nil {
		return err
	}
	came, err := s.store.Attendance(c.UserContext(), action)
	if err != nil {
		return err
	}
	sh := newSheet(c)
	name, err := write(s, c, sh, a, came)
	if err != nil {
		return err
	}
	return sh.send(c, fmt.Sprintf(name, action))
}

type attendanceWriter func(s *Server, c *fiber.Ctx, sh *csvSheet, a store.Action, came []store.Attendee) (string, error)

var attendanceFormats = map[string]attendanceWriter{
	"plain":         plainAttendance,
	"actionnetwork": actionNetworkAttendance,
	"van":           vanAttendance,
}

func plainAttendance(_ *Server, _ *fiber.Ctx, sh *csvSheet, _ store.Action, came []store.Attendee) (string, error) {
	sh.header("chapter", "institution", "name", "phone", "email", "source", "time", "door", "language", "first_time")
	for _, a := range came {
		phone, email := a.Phone, a.Email
		if !a.Consent {
			phone, email = "", ""
		}
		sh.add(a.Chapter.Name, a.Institution.Name, a.Name, phone, email, sh.word("how", a.Source),
			a.At.In(time.Local).Format("2006-01-02 15:04"), a.Door, sh.word("lang", a.Language), sh.yes(a.FirstTime))
	}
	return "asistencia-accion-%d.csv", nil
}

// actionNetworkAttendance writes a file for Action Network's list upload
// ("File formats for list uploads", help.actionnetwork.org, article
// 203112959: a CSV whose first row names the columns; email required;
// columns named like Action Network's fields — email, first_name,
// last_name — are matched by themselves, others are mapped or kept as
// custom fields). uuid is the activist's unique id, for the "Upload by
// unique ID" type (article 115005025706). Action Network keeps no
// attendance status on an upload, so the file holds only who came; the
// phone goes in phone_number, not mobile_number: Presente does not know
// whether it is a mobile, and subscribing to texts is the organizer's
// choice at upload.
func actionNetworkAttendance(_ *Server, _ *fiber.Ctx, sh *csvSheet, a store.Action, came []store.Attendee) (string, error) {
	sh.add("email", "first_name", "last_name", "phone_number", "language", "institution", "chapter",
		"action", "action_date", "first_time", "uuid")
	for _, p := range came {
		if !p.Consent {
			continue
		}
		first, last := splitName(p.Name, p.GivenName)
		sh.add(p.Email, first, last, p.Phone, p.Language, p.Institution.Name, p.Chapter.Name,
			a.Name, a.Date, yesNo(p.FirstTime), crmID(p.ExternalID, "an:"))
	}
	return "actionnetwork-accion-%d.csv", nil
}

// vanAttendance writes a file for EveryAction/VAN's bulk import of contacts
// (the CreateOrUpdateContact mapping of VAN's bulkImportJobs API, as the
// Movement Cooperative's Parsons documents its columns: VANID first, then
// FirstName, LastName, CellPhone, Email), with the event status VAN gives a
// signup after the event: "Completed" or "No Show" (VAN's statuses, as
// Mobilize's help "How Mobilize statuses sync to VAN" names them). No-shows
// are the leaders of committed institutions who did not come.
func vanAttendance(s *Server, c *fiber.Ctx, sh *csvSheet, a store.Action, came []store.Attendee) (string, error) {
	absent, err := s.store.Absentees(c.UserContext(), a.ID)
	if err != nil {
		return "", err
	}
	sh.add("VANID", "FirstName", "LastName", "CellPhone", "Email", "Status", "EventDate", "Institution", "Chapter")
	row := func(name, given, phone, email, status, ext string, inst, chapter store.Ref) {
		first, last := splitName(name, given)
		sh.add(crmID(ext, "van:"), first, last, phone, email, status, a.Date, inst.Name, chapter.Name)
	}
	for _, p := range came {
		if p.Consent {
			row(p.Name, p.GivenName, p.Phone, p.Email, "Completed", p.ExternalID, p.Institution, p.Chapter)
		}
	}
	for _, p := range absent {
		row(p.Name, p.GivenName, p.Phone, p.Email, "No Show", p.ExternalID, p.Institution, p.Chapter)
	}
	return "van-accion-%d.csv", nil
}

// splitName gives a CRM a first and a last name. Presente keeps one name,
// as people write it: when the leader was imported with their given names
// in a column of their own and the name still begins with them, those and
// the rest ("María José" and "Núñez García"); otherwise the first word and
// the rest.
func splitName(name, given string) (first, last string) {
	name = strings.TrimSpace(name)
	if store.StartsWithWords(name, given) {
		return given, strings.TrimSpace(strings.TrimPrefix(name, given))
	}
	first, last, _ = strings.Cut(name, " ")
	return first, strings.TrimSpace(last)
}

// crmID is the person's id in one CRM ("van:" or "an:"), or "".
func crmID(external, system string) string {
	id, ok := strings.CutPrefix(external, system)
	if !ok {
		return ""
	}
	return id
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}
