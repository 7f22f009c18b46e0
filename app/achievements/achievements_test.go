package achievements

import (
	"slices"
	"testing"
	"time"

	"animalgenius/app/jsontime"
)

func TestEarned(t *testing.T) {
	for _, tc := range []struct {
		ev   Event
		want []string
	}{
		{Event{Kind: QuizSubmitted}, []string{"quiz_finished"}},
		{Event{Kind: Purchased}, []string{"first_purchase"}},
		{Event{Kind: PetCared, PetHappyDays: 2}, nil},
		{Event{Kind: PetCared, PetHappyDays: 3}, []string{"happy_pet"}},
		{Event{Kind: GamePlayed, Place: 4, Answered: 2}, []string{"first_game"}},
		{Event{Kind: GamePlayed, Place: 3, Score: 120, Answered: 3}, []string{"first_game", "podium"}},
		// Everyone tied at 0 points shares first place: nobody scored, so
		// nobody stands on the podium (the game shows none either).
		{Event{Kind: GamePlayed, Place: 1, Score: 0, Answered: 3}, []string{"first_game"}},
		{Event{Kind: GamePlayed, Place: 0, Answered: 1}, []string{"first_game"}},
		// Joined and answered nothing: not a game played.
		{Event{Kind: GamePlayed, Place: 2, Answered: 0}, nil},
		{Event{Kind: ValuesVoted}, []string{"values_voter"}},
		{Event{Kind: LessonCompleted, ClassLessonsCompleted: 1}, []string{"lesson_complete"}},
		{Event{Kind: LessonCompleted, ClassLessonsCompleted: 5}, []string{"lesson_complete", "week_complete"}},
		// A pupil joining a class that already did lessons holds its class's.
		{Event{Kind: QuizSubmitted, ClassLessonsCompleted: 2}, []string{"quiz_finished", "lesson_complete"}},
		{Event{Kind: QuizSubmitted, ClassLessonsCompleted: 5}, []string{"quiz_finished", "lesson_complete", "week_complete"}},
		{Event{Kind: ValuesVoted, ClassLessonsCompleted: 5}, []string{"values_voter"}},
		{Event{Kind: "something_else"}, nil},
	} {
		if got := Earned(tc.ev); !slices.Equal(got, tc.want) {
			t.Errorf("%+v: %v, want %v", tc.ev, got, tc.want)
		}
	}
	seen := map[string]bool{}
	for _, d := range All() {
		if seen[d.Code] || d.Title == "" || d.Description == "" || d.earns == nil {
			t.Errorf("definition %+v", d)
		}
		seen[d.Code] = true
	}
}

func TestStreak(t *testing.T) {
	day, n := NextStreak("", 0, "2026-12-01", true)
	if day != "2026-12-01" || n != 1 {
		t.Fatal(day, n)
	}
	if d, n := NextStreak(day, 1, "2026-12-01", true); d != day || n != 1 {
		t.Fatal("same day counted twice", d, n)
	}
	if _, n := NextStreak(day, 1, "2026-12-02", true); n != 2 {
		t.Fatal("next day", n)
	}
	if _, n := NextStreak(day, 2, "2026-12-04", true); n != 1 {
		t.Fatal("after a gap", n)
	}
	if d, n := NextStreak(day, 2, "2026-12-02", false); d != day || n != 2 {
		t.Fatal("a sad pet changed the streak", d, n)
	}
	if _, n := NextStreak("2026-12-31", 2, "2027-01-01", true); n != 3 {
		t.Fatal("across a year", n)
	}
	if CurrentStreak("2026-12-01", 2, "2026-12-02") != 2 || CurrentStreak("2026-12-01", 2, "2026-12-03") != 0 {
		t.Fatal("current streak")
	}
}

func TestStatuses(t *testing.T) {
	at := jsontime.Of(time.Now())
	st := Statuses([]Earning{{Code: "quiz_finished", EarnedAt: at}, {Code: "happy_pet", EarnedAt: at, Seen: true}}, Facts{PetHappyDays: 1, ClassLessonsCompleted: 2})
	by := map[string]Status{}
	for _, s := range st {
		by[s.Code] = s
	}
	if !by["quiz_finished"].Earned || !by["quiz_finished"].New || by["happy_pet"].New || by["happy_pet"].Value != 3 {
		t.Fatalf("%+v %+v", by["quiz_finished"], by["happy_pet"])
	}
	if by["week_complete"].Earned || by["week_complete"].Value != 2 || by["week_complete"].Goal != 5 {
		t.Fatalf("%+v", by["week_complete"])
	}
}
