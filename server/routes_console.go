package server

import "github.com/gofiber/fiber/v2"

// consoleRoutes adds the routes of the organizer console and reports. Every
// one is for signed-in organizers only: door and display tokens get 403.
func (s *Server) consoleRoutes(app *fiber.App, api, action fiber.Router) {
	api.Get("/chapters", s.listChapters)
	api.Post("/chapters", s.createChapter)
	api.Put("/chapters/:id", s.renameChapter)
	api.Delete("/chapters/:id", s.deleteChapter)
	api.Get("/institutions", s.listInstitutions)
	api.Post("/institutions", s.createInstitution)
	api.Put("/institutions/:id", s.updateInstitution)
	api.Delete("/institutions/:id", s.deleteInstitution)
	api.Get("/leaders", s.listLeaders)
	api.Post("/leaders", s.createLeader)
	api.Put("/leaders/:id", s.updateLeader)
	api.Delete("/leaders/:id", s.deleteLeader)
	api.Post("/imports/roster", s.importRoster)
	api.Post("/actions", s.createAction)
	api.Get("/actions/:action", s.getAction)
	api.Put("/actions/:action", s.updateAction)
	api.Get("/history", s.history)
	api.Get("/history.csv", s.historyCSV)

	action.Get("/commitments", s.listCommitments)
	action.Put("/commitments", s.setCommitments)
	action.Post("/commitments/import", s.importCommitments)
	action.Post("/paper", s.paperCheckIn)
	action.Post("/paper/leaders", s.paperLeader)
	action.Get("/report", s.actionReport)
	action.Get("/report.csv", s.actionReportCSV)
	action.Get("/followup", s.followUp)
	action.Get("/followup.csv", s.followUpCSV)
	action.Get("/attendance.csv", s.attendanceCSV)
	action.Post("/purge", s.purgeAction)
}
