package insight

import (
	"strings"
	"time"

	"animalgenius/app/jsontime"
)

// Pending is a pupil working on the quiz: it passed the name check and
// has not submitted yet (a pending join). It is not a student: it holds
// no answers, is never counted in the analytics, and disappears when the
// quiz is submitted or at Expires.
type Pending struct {
	Name    string
	Since   time.Time
	Expires time.Time
}

// WorkingRow is a pending join as the roster and the live board send it
// ("working on the quiz since ..."), with when it expires, so a page open
// for long can drop one that expired without asking again.
type WorkingRow struct {
	Name      string        `json:"name"`
	Since     jsontime.Time `json:"since"`
	ExpiresAt jsontime.Time `json:"expiresAt"`
}

func workingRows(pending []Pending) []WorkingRow {
	out := make([]WorkingRow, 0, len(pending))
	for _, p := range pending {
		out = append(out, WorkingRow{Name: p.Name, Since: jsontime.Of(p.Since), ExpiresAt: jsontime.Of(p.Expires)})
	}
	return out
}

// withoutName drops the pending join of a student who has just finished.
func withoutName(rows []WorkingRow, name string) []WorkingRow {
	out := make([]WorkingRow, 0, len(rows))
	for _, r := range rows {
		if !strings.EqualFold(r.Name, name) {
			out = append(out, r)
		}
	}
	return out
}

// matchingWorking is the pending joins whose name contains search (lower case).
func matchingWorking(rows []WorkingRow, search string) []WorkingRow {
	if search == "" {
		return rows
	}
	out := []WorkingRow{}
	for _, r := range rows {
		if strings.Contains(foldName(r.Name), search) {
			out = append(out, r)
		}
	}
	return out
}
