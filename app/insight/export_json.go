package insight

import (
	"context"
	"fmt"

	"animalgenius/app/jsontime"
	"animalgenius/app/quiz"
)

// ExportClass is the class itself in the JSON export.
type ExportClass struct {
	ID         int64          `json:"id"`
	Name       string         `json:"name"`
	Grade      int            `json:"grade"`
	Code       string         `json:"code"`
	Icon       string         `json:"icon"`
	Colour     string         `json:"colour"`
	Teacher    string         `json:"teacher"`
	CreatedAt  jsontime.Time  `json:"createdAt"`
	ArchivedAt *jsontime.Time `json:"archivedAt,omitempty"`
}

// ExportResult is one scored quiz in the export.
type ExportResult struct {
	Type          string            `json:"type"`
	Animal        string            `json:"animal"`
	Genius        string            `json:"genius"`
	LearningStyle string            `json:"learningStyle"`
	Styles        []string          `json:"styles"`
	Poles         quiz.PoleCounts   `json:"poles"`
	StyleCounts   quiz.StyleCounts  `json:"styleCounts"`
	BankVersion   string            `json:"bankVersion,omitempty"`
	Answers       map[string]string `json:"answers,omitempty"`
	CompletedAt   jsontime.Time     `json:"completedAt"`
}

// ExportCoin is one ledger row in the export.
type ExportCoin struct {
	Amount    int64         `json:"amount"`
	Type      string        `json:"type"`
	Reason    string        `json:"reason"`
	CreatedAt jsontime.Time `json:"createdAt"`
}

// ExportStudent is a student with everything stored about it.
type ExportStudent struct {
	ID       int64          `json:"id"`
	Name     string         `json:"name"`
	JoinedAt jsontime.Time  `json:"joinedAt"`
	Passport string         `json:"passportCode"`
	Coins    int64          `json:"coins"`
	Current  *ExportResult  `json:"current"` // null: not yet
	History  []ExportResult `json:"history"` // every result, oldest first
	Coinbook []ExportCoin   `json:"coinLedger"`
}

// ExportGrouping is a saved grouping in the export.
type ExportGrouping struct {
	Name      string        `json:"name"`
	Size      int           `json:"size"`
	Balance   string        `json:"balance"`
	Seed      int64         `json:"seed"`
	Groups    [][]int64     `json:"groups"` // student ids
	CreatedAt jsontime.Time `json:"createdAt"`
}

// ClassExport is all of a class's data, for the teacher to keep or to
// move elsewhere.
type ClassExport struct {
	Format     string           `json:"format"` // "animalgenius-class-export/1"
	ExportedAt jsontime.Time    `json:"exportedAt"`
	Class      ExportClass      `json:"class"`
	Students   []ExportStudent  `json:"students"`
	Groupings  []ExportGrouping `json:"groupings"`
}

// ExportHistory is what the store reads beyond the students' current
// results: the class, every result and every coin movement.
type ExportHistory struct {
	Class   ExportClass
	Results map[int64][]ExportResult // by student, oldest first
	Coins   map[int64][]ExportCoin   // by student, oldest first
}

// ExportStore reads what only the export needs.
type ExportStore interface {
	ClassExportHistory(ctx context.Context, classID int64) (ExportHistory, error)
}

// Export gathers all of a class's data.
func (s *Service) Export(ctx context.Context, classID int64) (ClassExport, error) {
	es, ok := s.store.(ExportStore)
	if !ok {
		return ClassExport{}, fmt.Errorf("insight: the store cannot export")
	}
	h, err := es.ClassExportHistory(ctx, classID)
	if err != nil {
		return ClassExport{}, err
	}
	data, err := s.store.InsightClass(ctx, classID)
	if err != nil {
		return ClassExport{}, err
	}
	saved, err := s.store.Groupings(ctx, classID)
	if err != nil {
		return ClassExport{}, err
	}
	out := ClassExport{Format: "animalgenius-class-export/1", ExportedAt: jsontime.Of(s.now()), Class: h.Class,
		Students: []ExportStudent{}, Groupings: []ExportGrouping{}}
	snap := NewSnapshot(classID, data.Members)
	for _, r := range snap.rows { // by name
		m, _ := snap.Member(r.ID)
		st := ExportStudent{ID: m.ID, Name: m.Name, JoinedAt: jsontime.Of(m.JoinedAt), Passport: m.Passport, Coins: m.Coins,
			History: h.Results[m.ID], Coinbook: h.Coins[m.ID]}
		if st.History == nil {
			st.History = []ExportResult{}
		}
		if st.Coinbook == nil {
			st.Coinbook = []ExportCoin{}
		}
		if m.Done {
			_, styles := quiz.ScoreStyles(m.Styles)
			st.Current = &ExportResult{Type: m.Type, Animal: m.Animal, Genius: m.Genius, LearningStyle: m.Style, Styles: styles,
				Poles: m.Poles, StyleCounts: m.Styles, CompletedAt: jsontime.Of(m.CompletedAt)}
		}
		out.Students = append(out.Students, st)
	}
	for i := len(saved) - 1; i >= 0; i-- { // oldest first
		g := saved[i]
		out.Groupings = append(out.Groupings, ExportGrouping{Name: g.Name, Size: g.Size, Balance: g.Balance, Seed: g.Seed,
			Groups: g.Groups, CreatedAt: jsontime.Of(g.CreatedAt)})
	}
	return out, nil
}
