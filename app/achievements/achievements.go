// Package achievements defines what students can earn and the rule that
// decides it. Achievements are earned only from events the server sees
// (a quiz submission, a purchase, a pet's care, a live game, a vote, a
// lesson): the store calls Earned inside the event's own transaction and
// records the codes it returns. No request of a client unlocks one.
//
// Adding an achievement is one Definition below plus, if it needs a new
// kind of event, the call to the store's grant in that event's transaction.
package achievements

import (
	"time"

	"animalgenius/app/jsontime"
)

// Kind is the kind of event that may earn achievements.
type Kind string

const (
	QuizSubmitted   Kind = "quiz_submitted"
	Purchased       Kind = "purchased"
	PetCared        Kind = "pet_cared"
	GamePlayed      Kind = "game_played"
	ValuesVoted     Kind = "values_voted"
	LessonCompleted Kind = "lesson_completed"
)

// Event is what happened, with the facts the rules need.
type Event struct {
	Kind Kind
	// PetHappyDays: days running (today included) the student's pet was
	// happy after a care action (PetCared).
	PetHappyDays int
	// Place is the student's final place in a live game, 1 for the winner
	// (GamePlayed); 0 when unknown. Score is the points it scored there: a
	// player with none is never on the podium (the game's own rule).
	Place int
	Score int
	// Answered is how many questions the player answered (GamePlayed): a
	// pupil who only sat in the game has not played it.
	Answered int
	// ClassLessonsCompleted is how many lessons of the library the class
	// has completed, this one included (LessonCompleted), or when the
	// student joined it (QuizSubmitted).
	ClassLessonsCompleted int
}

// Progress names a measure shown as "n of Goal" until earned.
type Progress string

const (
	NoProgress       Progress = ""
	PetHappyStreak   Progress = "pet_happy_days"
	LessonsCompleted Progress = "class_lessons_completed"
)

// Definition is one achievement.
type Definition struct {
	Code        string   `json:"code"`
	Title       string   `json:"title"`
	Description string   `json:"description"`
	Icon        string   `json:"icon"` // a name the UI draws
	Goal        int      `json:"goal,omitempty"`
	Progress    Progress `json:"progress,omitempty"`
	earns       func(Event) bool
}

// PodiumPlaces is how many places stand on a live game's podium.
const PodiumPlaces = 3

// HappyDaysGoal is how many days running a pet must be happy.
const HappyDaysGoal = 3

var definitions = []Definition{
	{Code: "quiz_finished", Title: "Found my animal", Icon: "paw",
		Description: "Answered every question of the personality quiz.",
		earns:       func(e Event) bool { return e.Kind == QuizSubmitted }},
	{Code: "first_purchase", Title: "First treasure", Icon: "bag",
		Description: "Bought something in the class store for the first time.",
		earns:       func(e Event) bool { return e.Kind == Purchased }},
	{Code: "happy_pet", Title: "Best friend", Icon: "heart", Goal: HappyDaysGoal, Progress: PetHappyStreak,
		Description: "Kept your pet happy three days in a row.",
		earns:       func(e Event) bool { return e.Kind == PetCared && e.PetHappyDays >= HappyDaysGoal }},
	{Code: "first_game", Title: "Game on", Icon: "controller",
		Description: "Played a whole live game from your student page.",
		earns:       func(e Event) bool { return e.Kind == GamePlayed && e.Answered > 0 }},
	{Code: "podium", Title: "On the podium", Icon: "trophy",
		Description: "Finished a live game in the top three.",
		earns: func(e Event) bool {
			return e.Kind == GamePlayed && e.Place >= 1 && e.Place <= PodiumPlaces && e.Score > 0
		}},
	{Code: "values_voter", Title: "My voice counts", Icon: "ballot",
		Description: "Voted on your class's values.",
		earns:       func(e Event) bool { return e.Kind == ValuesVoted }},
	{Code: "lesson_complete", Title: "Learning together", Icon: "book",
		Description: "Your class finished a Learning Lounge lesson.",
		earns:       func(e Event) bool { return classLessons(e) >= 1 }},
	{Code: "week_complete", Title: "Week of Connection", Icon: "star", Goal: 5, Progress: LessonsCompleted,
		Description: "Your class finished all five Learning Lounge lessons.",
		earns:       func(e Event) bool { return classLessons(e) >= 5 }},
}

// classLessons is how many lessons e says the student's class has
// completed: a lesson's completion, and a pupil's quiz submission (one who
// joins a class that already did lessons holds what its class earned).
func classLessons(e Event) int {
	if e.Kind == LessonCompleted || e.Kind == QuizSubmitted {
		return e.ClassLessonsCompleted
	}
	return 0
}

// All lists every achievement, in the order students see them.
func All() []Definition { return definitions }

// ByCode returns one definition, or false.
func ByCode(code string) (Definition, bool) {
	for _, d := range definitions {
		if d.Code == code {
			return d, true
		}
	}
	return Definition{}, false
}

// Earned is the rule: the codes e earns (whether the student already has
// them is the store's business: it records each code once).
func Earned(e Event) []string {
	var out []string
	for _, d := range definitions {
		if d.earns(e) {
			out = append(out, d.Code)
		}
	}
	return out
}

// Day is the calendar day of t in the box's time zone, as "2006-01-02".
func Day(t time.Time) string { return t.Local().Format(time.DateOnly) }

// NextStreak is the happy-pet streak after a care action on day today:
// a happy pet on the day after the last happy day adds a day, on the same
// day changes nothing, after a gap starts again at 1; a pet that is not
// happy leaves the streak as it was (another action that day may still
// make it happy).
func NextStreak(lastDay string, days int, today string, happy bool) (string, int) {
	if !happy || lastDay == today {
		return lastDay, days
	}
	t, err := time.Parse(time.DateOnly, today)
	if err == nil && lastDay != "" && t.AddDate(0, 0, -1).Format(time.DateOnly) == lastDay {
		return today, days + 1
	}
	return today, 1
}

// CurrentStreak is the streak as it stands on day today: it lapses when
// the last happy day is neither today nor yesterday.
func CurrentStreak(lastDay string, days int, today string) int {
	if lastDay == today {
		return days
	}
	t, err := time.Parse(time.DateOnly, today)
	if err == nil && t.AddDate(0, 0, -1).Format(time.DateOnly) == lastDay {
		return days
	}
	return 0
}

// Earning is an achievement a student holds.
type Earning struct {
	Code     string        `json:"code"`
	EarnedAt jsontime.Time `json:"earnedAt"`
	Seen     bool          `json:"seen"`
}

// Status is one achievement as a student (or its teacher) sees it.
type Status struct {
	Definition
	Earned   bool          `json:"earned"`
	EarnedAt jsontime.Time `json:"earnedAt,omitzero"`
	// New: earned and not celebrated yet on the student's home.
	New   bool `json:"new"`
	Value int  `json:"value,omitempty"` // progress so far, for those with a Goal
}

// Facts are the measures behind progress.
type Facts struct {
	PetHappyDays          int
	ClassLessonsCompleted int
}

// Statuses lists every achievement for one student: earned or not, new
// or not, and progress where there is a goal.
func Statuses(held []Earning, f Facts) []Status {
	byCode := make(map[string]Earning, len(held))
	for _, h := range held {
		byCode[h.Code] = h
	}
	out := make([]Status, 0, len(definitions))
	for _, d := range definitions {
		st := Status{Definition: d}
		if h, ok := byCode[d.Code]; ok {
			st.Earned, st.EarnedAt, st.New = true, h.EarnedAt, !h.Seen
		}
		switch d.Progress {
		case PetHappyStreak:
			st.Value = min(f.PetHappyDays, d.Goal)
		case LessonsCompleted:
			st.Value = min(f.ClassLessonsCompleted, d.Goal)
		}
		if st.Earned && d.Goal > 0 {
			st.Value = d.Goal
		}
		out = append(out, st)
	}
	return out
}
