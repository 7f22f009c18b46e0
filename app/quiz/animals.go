package quiz

import "slices"

// Animal codes.
const (
	Meerkat      = "meerkat"
	Panda        = "panda"
	Owl          = "owl"
	Beaver       = "beaver"
	Elephant     = "elephant"
	Otter        = "otter"
	Parrot       = "parrot"
	BorderCollie = "border_collie"
)

// Genius codes.
const (
	GeniusThinker = "thinker"
	GeniusFeeler  = "feeler"
	GeniusDoer    = "doer"
)

// Animal is one quiz animal: its fixed facts from SPEC section 2 and our
// own profile text.
type Animal struct {
	Code   string   `json:"code"`   // e.g. "border_collie"
	Name   string   `json:"name"`   // display name, e.g. "Border Collie"
	Prefix string   `json:"prefix"` // passport code prefix, e.g. "COL"
	Color  string   `json:"color"`  // "#RRGGBB"
	Genius string   `json:"genius"` // genius code
	Types  []string `json:"types"`  // the two four-letter types

	Tagline     string   `json:"tagline"`
	Strengths   []string `json:"strengths"`   // 4
	GrowthAreas []string `json:"growthAreas"` // 3
	TeacherTips []string `json:"teacherTips"` // 3
	WithOthers  string   `json:"withOthers"`  // how it works with others
}

// animals is in SPEC table order; profile text is in animal_profiles.go.
var animals = []Animal{
	{Code: Meerkat, Name: "Meerkat", Prefix: "MEE", Color: "#4B4959", Genius: GeniusFeeler, Types: []string{"INFP", "ISFP"}},
	{Code: Panda, Name: "Panda", Prefix: "PAN", Color: "#82BCC8", Genius: GeniusFeeler, Types: []string{"INFJ", "INTJ"}},
	{Code: Owl, Name: "Owl", Prefix: "OWL", Color: "#BAC97D", Genius: GeniusThinker, Types: []string{"ISTP", "INTP"}},
	{Code: Beaver, Name: "Beaver", Prefix: "BEA", Color: "#829B79", Genius: GeniusDoer, Types: []string{"ISFJ", "ISTJ"}},
	{Code: Elephant, Name: "Elephant", Prefix: "ELE", Color: "#BD85C8", Genius: GeniusFeeler, Types: []string{"ESFJ", "ENFJ"}},
	{Code: Otter, Name: "Otter", Prefix: "OTT", Color: "#FACC7D", Genius: GeniusDoer, Types: []string{"ESFP", "ESTP"}},
	{Code: Parrot, Name: "Parrot", Prefix: "PAR", Color: "#FF8070", Genius: GeniusThinker, Types: []string{"ENFP", "ENTP"}},
	{Code: BorderCollie, Name: "Border Collie", Prefix: "COL", Color: "#DEA77E", Genius: GeniusDoer, Types: []string{"ESTJ", "ENTJ"}},
}

func init() {
	for i := range animals {
		p, ok := animalProfiles[animals[i].Code]
		if !ok {
			panic("quiz: no profile for animal " + animals[i].Code)
		}
		a := &animals[i]
		a.Tagline, a.Strengths, a.GrowthAreas, a.TeacherTips, a.WithOthers =
			p.Tagline, p.Strengths, p.GrowthAreas, p.TeacherTips, p.WithOthers
	}
}

// Animals returns all eight animals in SPEC order (a copy).
func Animals() []Animal {
	out := make([]Animal, len(animals))
	for i, a := range animals {
		out[i] = a.clone()
	}
	return out
}

// AnimalCodes returns the eight animal codes in SPEC order.
func AnimalCodes() []string {
	out := make([]string, len(animals))
	for i, a := range animals {
		out[i] = a.Code
	}
	return out
}

// AnimalByCode looks an animal up by its code, e.g. "owl".
func AnimalByCode(code string) (Animal, bool) {
	for _, a := range animals {
		if a.Code == code {
			return a.clone(), true
		}
	}
	return Animal{}, false
}

// AnimalByPrefix looks an animal up by its passport prefix, e.g. "OWL".
// The prefix must be upper case.
func AnimalByPrefix(prefix string) (Animal, bool) {
	for _, a := range animals {
		if a.Prefix == prefix {
			return a.clone(), true
		}
	}
	return Animal{}, false
}

// AnimalForType looks an animal up by its four-letter type, e.g. "INFP".
func AnimalForType(typ string) (Animal, bool) {
	a, ok := animalForType(typ)
	if !ok {
		return Animal{}, false
	}
	return a.clone(), true
}

// animalForType avoids the copy; it is also used at package init, so it
// reads the static table only, not the profile text.
func animalForType(typ string) (*Animal, bool) {
	for i := range animals {
		if slices.Contains(animals[i].Types, typ) {
			return &animals[i], true
		}
	}
	return nil, false
}

func (a Animal) clone() Animal {
	a.Types = slices.Clone(a.Types)
	a.Strengths = slices.Clone(a.Strengths)
	a.GrowthAreas = slices.Clone(a.GrowthAreas)
	a.TeacherTips = slices.Clone(a.TeacherTips)
	return a
}

// Genius is one of the three genius types.
type Genius struct {
	Code        string `json:"code"`
	Name        string `json:"name"`
	Color       string `json:"color"`
	Focus       string `json:"focus"`       // a few words
	Description string `json:"description"` // two or three sentences
}

var geniuses = []Genius{
	{
		Code: GeniusThinker, Name: "Thinker", Color: "#8B5CF6",
		Focus:       "Creative problem-solving",
		Description: "Thinkers love ideas, puzzles and big questions. They like to know why things work and find clever new ways to solve problems. Give a Thinker a tricky challenge and watch them light up.",
	},
	{
		Code: GeniusFeeler, Name: "Feeler", Color: "#10B981",
		Focus:       "Kindness and friendship",
		Description: "Feelers are tuned in to people. They notice how others feel, build strong friendships and help a group get along. A class with Feelers in it is a kinder place.",
	},
	{
		Code: GeniusDoer, Name: "Doer", Color: "#F59E0B",
		Focus:       "Action and leadership",
		Description: "Doers are happiest when they are making things happen. They jump in, adapt when plans change and help the group get the job done. When something needs doing, a Doer is already on it.",
	},
}

// Geniuses returns the three genius types: thinker, feeler, doer.
func Geniuses() []Genius { return slices.Clone(geniuses) }

// GeniusByCode looks a genius type up by code, e.g. "doer".
func GeniusByCode(code string) (Genius, bool) {
	for _, g := range geniuses {
		if g.Code == code {
			return g, true
		}
	}
	return Genius{}, false
}

// LearningStyle is one of the four VARK learning styles.
type LearningStyle struct {
	Code        string `json:"code"`
	Name        string `json:"name"`
	Description string `json:"description"`
	Tip         string `json:"tip"` // a study tip for the student
}

var learningStyles = []LearningStyle{
	{
		Code: StyleVisual, Name: "Visual",
		Description: "You learn best from things you can see: pictures, maps, charts, diagrams and colours.",
		Tip:         "Turn your notes into a mind map or a drawing, and use colours to group ideas that belong together.",
	},
	{
		Code: StyleAuditory, Name: "Auditory",
		Description: "You learn best by listening and talking things through.",
		Tip:         "Say your notes out loud, explain the lesson to a friend, or make up a rhyme to help you remember.",
	},
	{
		Code: StyleReadingWriting, Name: "Reading & Writing",
		Description: "You learn best from words on a page: reading, making lists and writing notes.",
		Tip:         "Rewrite your notes in your own words and make a short list of the key points.",
	},
	{
		Code: StyleKinesthetic, Name: "Hands-On",
		Description: "You learn best by doing: building, moving, touching and trying things out.",
		Tip:         "Build a model, act it out, or take a short movement break every 15 minutes while you study.",
	},
}

// LearningStyles returns the four styles in tie-break order: visual,
// auditory, readingWriting, kinesthetic.
func LearningStyles() []LearningStyle { return slices.Clone(learningStyles) }

// LearningStyleByCode looks a learning style up by code, e.g. "kinesthetic".
func LearningStyleByCode(code string) (LearningStyle, bool) {
	for _, s := range learningStyles {
		if s.Code == code {
			return s, true
		}
	}
	return LearningStyle{}, false
}
