package insight

import (
	"slices"

	"animalgenius/app/quiz"
)

// Count is one bar of a chart: how many finished students fall in a
// category and their share of the finished students (0 to 1).
type Count struct {
	Key   string  `json:"key"`
	Label string  `json:"label"`
	Color string  `json:"color,omitempty"`
	Count int     `json:"count"`
	Share float64 `json:"share"`
}

// Analytics is the class overview. Shares are of the finished students;
// students who have not finished are counted in NotYet only.
type Analytics struct {
	Total    int           `json:"total"`
	Finished int           `json:"finished"`
	NotYet   int           `json:"notYet"`
	Animals  []Count       `json:"animals"`
	Geniuses []Count       `json:"geniuses"`
	Types    []Count       `json:"types"`
	Energy   []Count       `json:"energy"`
	Styles   []Count       `json:"styles"`
	Insights []InsightList `json:"insights"`
}

// InsightList names the students a teacher may want to keep an eye on for
// one reason, e.g. those who need think time.
type InsightList struct {
	Code    string   `json:"code"`
	Title   string   `json:"title"`
	Why     string   `json:"why"`
	Animals []string `json:"animals"`
	Count   int      `json:"count"` // finished students with one of Animals
	// Students are those students, by name. The analytics answer leaves
	// them out (a class of 500 would send about 125 KB of names again):
	// the page takes them from the roster, which it loads anyway.
	Students []Ref `json:"-"`
}

// insightDefs are the four lists of SPEC section 4, with our own words.
var insightDefs = []InsightList{
	{
		Code:    "overlooked",
		Title:   "May get overlooked",
		Why:     "Quiet and easy-going, they rarely ask for attention, so check in with them on purpose.",
		Animals: []string{quiz.Meerkat, quiz.Panda, quiz.Beaver},
	},
	{
		Code:    "connection",
		Title:   "Need connection",
		Why:     "They work best when they feel they belong: a friendly word and a trusted partner go a long way.",
		Animals: []string{quiz.Meerkat, quiz.Elephant, quiz.Beaver},
	},
	{
		Code:    "warnings",
		Title:   "Need warnings before change",
		Why:     "Sudden changes to plans or routines unsettle them; tell them early what is coming.",
		Animals: []string{quiz.Beaver, quiz.Panda, quiz.BorderCollie},
	},
	{
		Code:    "think_time",
		Title:   "Need think time",
		Why:     "They give their best answers after a pause; let them think or write before they speak.",
		Animals: []string{quiz.Owl, quiz.Panda, quiz.Meerkat, quiz.Beaver},
	},
}

// InsightDefinitions returns the four insight lists without students.
func InsightDefinitions() []InsightList {
	out := make([]InsightList, len(insightDefs))
	for i, d := range insightDefs {
		d.Animals = slices.Clone(d.Animals)
		d.Students = []Ref{}
		out[i] = d
	}
	return out
}

// Analyze counts the class's results. Categories always appear, in fixed
// order, with zero counts where no student falls in them.
func Analyze(members []Member) Analytics {
	var animal [8]int
	var genius [3]int
	var energy [2]int
	var style [4]int
	types := make(map[string]int, 16)
	a := Analytics{Total: len(members), Insights: InsightDefinitions()}
	for i := range members {
		m := &members[i]
		if !m.Done {
			a.NotYet++
			continue
		}
		a.Finished++
		if k, ok := animalIndex[m.Animal]; ok {
			animal[k]++
		}
		if k := slices.Index(GeniusCodes, m.Genius); k >= 0 {
			genius[k]++
		}
		if k := slices.Index(EnergyCodes, m.Energy()); k >= 0 {
			energy[k]++
		}
		if k := slices.Index(StyleCodes, m.Style); k >= 0 {
			style[k]++
		}
		types[m.Type]++
		for j := range a.Insights {
			if slices.Contains(a.Insights[j].Animals, m.Animal) {
				a.Insights[j].Students = append(a.Insights[j].Students, m.Ref())
				a.Insights[j].Count++
			}
		}
	}
	share := func(n int) float64 {
		if a.Finished == 0 {
			return 0
		}
		return float64(n) / float64(a.Finished)
	}
	for k, an := range quiz.Animals() {
		a.Animals = append(a.Animals, Count{Key: an.Code, Label: an.Name, Color: an.Color, Count: animal[k], Share: share(animal[k])})
	}
	for k, code := range GeniusCodes {
		g, _ := quiz.GeniusByCode(code)
		a.Geniuses = append(a.Geniuses, Count{Key: code, Label: g.Name, Color: g.Color, Count: genius[k], Share: share(genius[k])})
	}
	for _, t := range Types16 {
		an, _ := quiz.AnimalForType(t)
		a.Types = append(a.Types, Count{Key: t, Label: t, Color: an.Color, Count: types[t], Share: share(types[t])})
	}
	energyLabels := [2]string{"Extravert (E)", "Introvert (I)"}
	energyColors := [2]string{"#F97316", "#3B82F6"}
	for k, code := range EnergyCodes {
		a.Energy = append(a.Energy, Count{Key: code, Label: energyLabels[k], Color: energyColors[k], Count: energy[k], Share: share(energy[k])})
	}
	styleColors := [4]string{"#0EA5E9", "#EAB308", "#64748B", "#EF4444"}
	for k, code := range StyleCodes {
		s, _ := quiz.LearningStyleByCode(code)
		a.Styles = append(a.Styles, Count{Key: code, Label: s.Name, Color: styleColors[k], Count: style[k], Share: share(style[k])})
	}
	for j := range a.Insights {
		slices.SortFunc(a.Insights[j].Students, byName)
	}
	return a
}
