package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"unicode"

	"presente/server/store"
)

// importRoster previews a roster CSV, asks for confirmation (unless --yes)
// and imports it. Nothing is written before the confirmation.
func (e env) importRoster(args []string) error {
	f := e.flags("import")
	data := f.data()
	yes := f.Bool("yes", false, "import without asking")
	noCreate := f.Bool("no-create", false, "refuse rows whose chapter or institution does not exist, instead of creating it")
	pos, err := f.parse(args, 1)
	if err != nil {
		return err
	}
	raw, err := os.ReadFile(pos[0])
	if err != nil {
		return err
	}
	t, err := store.ReadTable(raw)
	if err != nil {
		return err
	}
	st, err := e.openStore(*data)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.EditableHere(e.ctx); err != nil {
		return fmt.Errorf("import: %w: import the file at the hub, and it reaches this node from there", err)
	}
	plan, err := st.PlanRoster(e.ctx, t, !*noCreate)
	if err != nil {
		return err
	}
	printPlan(e.stdout, plan)
	if plan.Add+plan.Update == 0 {
		fmt.Fprintln(e.stdout, nothingToImport(plan))
		return nil
	}
	if !*yes && !e.confirm(fmt.Sprintf("Import %d new and %d updated leaders? [y/N] ", plan.Add, plan.Update)) {
		fmt.Fprintln(e.stdout, "Cancelled: nothing was written.")
		return nil
	}
	done, err := st.ImportRoster(e.ctx, t, !*noCreate, plan.Hash)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Imported: %d added, %d updated, %d unchanged, %d refused.\n", done.Add, done.Update, done.Same, done.Refused)
	return nil
}

// nothingToImport says why a file changes nothing: the roster already
// holds it, or rows were refused (the rest, if any, being there already).
func nothingToImport(p store.RosterPlan) string {
	switch p.Refused {
	case 0:
		return "Nothing to import: the roster already holds this file."
	case 1:
		return "Nothing to import: 1 row refused (see above); fix it in the file and import it again."
	}
	return fmt.Sprintf("Nothing to import: %d rows refused (see above); fix them in the file and import it again.", p.Refused)
}

// printPlan shows every row that changes something or is refused, then the
// totals. Text from the file goes through shown: never raw to the terminal.
func printPlan(w io.Writer, p store.RosterPlan) {
	fmt.Fprintf(w, "File: %s, separated by %q, %d rows, %d blank lines skipped.\n",
		p.Encoding, p.Delimiter, len(p.Rows), p.Blank)
	if len(p.Ignored) > 0 {
		fmt.Fprintf(w, "Columns ignored: %s\n", shown(strings.Join(p.Ignored, ", ")))
	}
	for _, c := range p.NewChapters {
		fmt.Fprintf(w, "new chapter      %s\n", shown(c))
	}
	for _, in := range p.NewInstitutions {
		fmt.Fprintf(w, "new institution  %s (%s, %s)\n", shown(in.Name), shown(in.Chapter), in.Kind)
	}
	for _, r := range p.Rows {
		name, inst := shown(r.Name), shown(r.Institution)
		switch r.Status {
		case store.ImportAdd:
			fmt.Fprintf(w, "line %-5d add      %s — %s\n", r.Line, name, inst)
		case store.ImportUpdate:
			fmt.Fprintf(w, "line %-5d update   %s — %s (%s)\n", r.Line, name, inst, strings.Join(r.Changes, ", "))
		case store.ImportRefused:
			fmt.Fprintf(w, "line %-5d REFUSED  %s — %s\n", r.Line, name, refusal(r))
		}
	}
	fmt.Fprintf(w, "To add: %d. To update: %d. Unchanged: %d. Refused: %d.\n", p.Add, p.Update, p.Same, p.Refused)
}

// shownMax is how many characters of one value the command prints.
const shownMax = 80

// shown is text from a file made safe for a terminal: a control character
// written as its escape (\x1b), never sent raw, and a long value cut.
func shown(s string) string {
	var b strings.Builder
	for i, r := range []rune(s) {
		if i == shownMax {
			b.WriteString("…")
			break
		}
		if unicode.IsControl(r) {
			q := strconv.QuoteRuneToASCII(r)
			b.WriteString(q[1 : len(q)-1])
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func refusal(r store.ImportRow) string {
	if r.SameAs > 0 {
		return fmt.Sprintf("%s (same as line %d)", r.Reason, r.SameAs)
	}
	return r.Reason
}

// confirm asks a yes-or-no question on stdin; only yes (or sí) is yes.
func (e env) confirm(question string) bool {
	fmt.Fprint(e.stdout, question)
	line, _ := bufio.NewReader(e.stdin).ReadString('\n')
	switch strings.ToLower(strings.TrimSpace(line)) {
	case "y", "yes", "s", "si", "sí":
		return true
	}
	return false
}
