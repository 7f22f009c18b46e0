package insight

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"
	"time"

	"animalgenius/app/quiz"
)

// utf8BOM makes spreadsheet programs read the CSV as UTF-8 (names with
// accents would otherwise come out garbled).
const utf8BOM = "\ufeff"

// SafeCell neutralises a cell a spreadsheet would run as a formula: one
// that starts with = + - @, a tab or a carriage return gets a leading
// apostrophe, which spreadsheets show as text.
func SafeCell(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}

// csvHeader is the first row of the roster export.
var csvHeader = []string{
	"Name", "Finished", "Animal", "Genius", "Type", "Learning style", "Also strong in",
	"E", "I", "S", "N", "T", "F", "J", "P",
	"Visual", "Auditory", "Reading & Writing", "Hands-On",
	"Completed at", "Passport code", "Coins",
}

// WriteCSV writes the class roster and results as CSV for a spreadsheet:
// UTF-8 with a byte order mark, CRLF line ends, one row per student by
// name, times in loc, and every cell safe from formula injection.
func WriteCSV(w io.Writer, members []Member, loc *time.Location) error {
	if _, err := io.WriteString(w, utf8BOM); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if err := cw.Write(csvHeader); err != nil {
		return err
	}
	snap := NewSnapshot(0, members)
	itoa := strconv.Itoa
	for _, r := range snap.rows {
		m, _ := snap.Member(r.ID)
		row := make([]string, 0, len(csvHeader))
		if !m.Done {
			row = append(row, m.Name, "no")
			row = append(row, make([]string, len(csvHeader)-4)...)
		} else {
			p, s := m.Poles, m.Styles
			var also []string
			for _, st := range m.Multimodal() {
				if st != m.Style {
					also = append(also, styleName(st))
				}
			}
			row = append(row, m.Name, "yes", animalName(m.Animal), geniusName(m.Genius), m.Type, styleName(m.Style),
				strings.Join(also, ", "),
				itoa(p.E), itoa(p.I), itoa(p.S), itoa(p.N), itoa(p.T), itoa(p.F), itoa(p.J), itoa(p.P),
				itoa(s.Visual), itoa(s.Auditory), itoa(s.ReadingWriting), itoa(s.Kinesthetic),
				m.CompletedAt.In(loc).Format("2006-01-02 15:04"))
		}
		row = append(row, m.Passport, strconv.FormatInt(m.Coins, 10))
		for i := range row {
			row[i] = SafeCell(row[i])
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func geniusName(code string) string {
	g, _ := quiz.GeniusByCode(code)
	return g.Name
}

func styleName(code string) string {
	s, _ := quiz.LearningStyleByCode(code)
	return s.Name
}
