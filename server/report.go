package server

import (
	"fmt"

	"github.com/gofiber/fiber/v2"

	"presente/server/store"
)

// actionReport is the action's report, with its frozen credentials when an
// organizer closed them.
func (s *Server) actionReport(c *fiber.Ctx) error {
	action := actionOf(c)
	r, cr, err := s.reportWithCredentials(c, action)
	if err != nil {
		return err
	}
	needs, err := s.store.Needs(c.UserContext(), action)
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"report": r, "credentials": cr, "needs": needs})
}

func (s *Server) reportWithCredentials(c *fiber.Ctx, action int64) (store.ActionReport, *store.Credentials, error) {
	r, err := s.store.ActionReport(c.UserContext(), action)
	if err != nil {
		return r, nil, err
	}
	cr, err := s.store.Credentials(c.UserContext(), action)
	if err != nil || !cr.Closed {
		return r, nil, err
	}
	return r, &cr, nil
}

func (s *Server) actionReportCSV(c *fiber.Ctx) error {
	action := actionOf(c)
	r, cr, err := s.reportWithCredentials(c, action)
	if err != nil {
		return err
	}
	sh := newSheet(c)
	sh.header("chapter", "institution", "committed", "scanned", "paper", "walk_ins", "headcounts", "present", "percent",
		"first_time")
	for _, ch := range r.Chapters {
		for _, in := range r.Institutions {
			if in.Chapter.ID == ch.Chapter.ID {
				sh.reportRow(in.Chapter.Name, in.Institution.Name, in)
			}
		}
		sh.reportRow(ch.Chapter.Name, sh.label("total"), ch)
	}
	sh.reportRow(sh.label("total"), "", r.Total)
	if cr != nil {
		sh.credentials(cr)
	}
	if err := s.needsRows(c, sh, action); err != nil {
		return err
	}
	return sh.send(c, fmt.Sprintf("reporte-accion-%d.csv", action))
}

// needsRows adds the needs counted at the door, when the action has any.
func (s *Server) needsRows(c *fiber.Ctx, sh *csvSheet, action int64) error {
	needs, err := s.store.Needs(c.UserContext(), action)
	if err != nil || len(needs) == 0 {
		return err
	}
	sh.add()
	sh.header("need", "total")
	for _, n := range needs {
		sh.add(n.Name, itoa(n.Total))
	}
	return nil
}

func (sh *csvSheet) reportRow(chapter, inst string, x store.ReportRow) {
	sh.add(chapter, inst, itoa(x.Committed), itoa(x.Scanned), itoa(x.Paper), itoa(x.WalkIns),
		itoa(x.Headcounts), itoa(x.Present), percentCell(x.Percent), itoa(x.FirstTime))
}

func (sh *csvSheet) credentials(cr *store.Credentials) {
	sh.add()
	sh.add(sh.label("credentials"), cr.ClosedAt.Local().Format("2006-01-02 15:04"))
	sh.header("chapter", "institution", "committed", "delegation")
	for _, ch := range cr.Chapters {
		for _, in := range ch.Institutions {
			sh.add(ch.Name, in.Name, itoa(in.Committed), itoa(in.Delegation))
		}
	}
	sh.add(sh.label("total"), "", itoa(cr.Committed), itoa(cr.Delegation))
}

func (s *Server) history(c *fiber.Ctx) error {
	h, err := s.store.History(c.UserContext())
	if err != nil {
		return err
	}
	return c.JSON(h)
}

// historyCSV has one row per chapter (or, with ?by=institution, per
// institution) and action.
func (s *Server) historyCSV(c *fiber.Ctx) error {
	h, err := s.store.History(c.UserContext())
	if err != nil {
		return err
	}
	sh := newSheet(c)
	sh.header("chapter", "institution", "action", "date", "committed", "present", "percent", "first_time")
	series, name := h.Chapters, "capitulos"
	if c.Query("by") == "institution" {
		series, name = h.Institutions, "instituciones"
	}
	for _, se := range series {
		chapter, inst := se.Chapter.Name, se.Name
		if se.Chapter.ID == 0 {
			chapter, inst = se.Name, ""
		}
		for i, p := range se.Points {
			a := h.Actions[i]
			sh.add(chapter, inst, a.Name, a.Date, itoa(p.Committed), itoa(p.Present), percentCell(p.Percent),
				itoa(p.FirstTime))
		}
	}
	return sh.send(c, "historial-"+name+".csv")
}
