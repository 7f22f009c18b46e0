package lessons

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"animalgenius/app/jsontime"
)

func TestLibrary(t *testing.T) {
	lib, err := Library()
	if err != nil {
		t.Fatal(err)
	}
	if len(lib) != 5 {
		t.Fatalf("%d lessons", len(lib))
	}
	if lib[3].Activities[1].Link != "values" {
		t.Errorf("lesson 4's second activity is not the values vote: %+v", lib[3].Activities[1])
	}
	if lib[0].Activities[1].Link != "board" {
		t.Errorf("lesson 1 does not link to the live board")
	}
	if _, ok := ByID(0); ok {
		t.Error("lesson 0 exists")
	}
	if _, ok := ByID(6); ok {
		t.Error("lesson 6 exists")
	}
}

func TestParseLibraryRefusesIncompleteLessons(t *testing.T) {
	for name, js := range map[string]string{
		"not json":       `[`,
		"empty":          `[]`,
		"wrong id":       `[{"id":2}]`,
		"no activities":  `[{"id":1,"slug":"a","title":"A","summary":"s","objectives":["o"],"materials":["m"],"minutes":1,"activities":[]}]`,
		"unknown link":   strings.Replace(string(libraryJSON), `"link": "board"`, `"link": "moon"`, 1),
		"minutes differ": strings.Replace(string(libraryJSON), `"minutes": 45`, `"minutes": 46`, 1),
	} {
		if _, err := parseLibrary([]byte(js)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func TestProgressRules(t *testing.T) {
	t0 := time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)
	p := Fresh(3, 4)
	p, err := Apply(p, Change{ClassID: 3, LessonID: 4, Action: ActionDone, Activity: 2}, t0)
	if err != nil || p.Status != InProgress || p.Current != 1 || !slices.Equal(p.ActivitiesDone(), []int{2}) {
		t.Fatalf("done 2 first: %+v %v", p, err)
	}
	p, _ = MarkDone(p, 1, t0)
	if p.Current != 3 {
		t.Fatalf("current after 1 and 2: %d", p.Current)
	}
	p, _ = MarkDone(p, 1, t0)
	if p.Current != 3 || len(p.ActivitiesDone()) != 2 {
		t.Fatalf("marking again changed: %+v", p)
	}
	if _, err := MarkDone(p, 5, t0); !errors.Is(err, ErrUnknownActivity) {
		t.Fatalf("activity 5: %v", err)
	}
	before := p
	p, err = Complete(p, t0)
	if err != nil || p.Status != Completed || p.Completions != 1 || len(p.ActivitiesDone()) != 4 || !Pays(before, p) {
		t.Fatalf("complete: %+v %v", p, err)
	}
	if _, err := Complete(p, t0); !errors.Is(err, ErrCompleted) {
		t.Fatalf("complete twice: %v", err)
	}
	if _, err := Start(p, t0); !errors.Is(err, ErrCompleted) {
		t.Fatalf("start a completed lesson: %v", err)
	}
	r := Reset(p, t0)
	if r.Status != NotStarted || r.Completions != 1 || len(r.ActivitiesDone()) != 0 || r.Current != 1 {
		t.Fatalf("reset: %+v", r)
	}
	if Pays(r, r) {
		t.Fatal("reset pays")
	}
	if _, err := Apply(r, Change{LessonID: 9, Action: ActionStart}, t0); !errors.Is(err, ErrUnknownLesson) {
		t.Fatalf("lesson 9: %v", err)
	}
	if PaymentKey(12, 4, 99) != "lesson:12:4:99" {
		t.Fatal(PaymentKey(12, 4, 99))
	}
}

func TestFeedbackRules(t *testing.T) {
	f, err := CleanFeedback(2, 5, "  Great  lesson!\r\n\r\n\r\nThe kids\u00a0 loved it. ")
	if err != nil || f.Comment != "Great lesson!\n\nThe kids loved it." {
		t.Fatalf("%q %v", f.Comment, err)
	}
	for _, tc := range []struct {
		lesson, stars int
		comment       string
	}{{2, 0, ""}, {2, 6, ""}, {0, 3, ""}, {2, 3, strings.Repeat("x", MaxCommentLen+1)}, {2, 3, "\xff"}, {2, 3, "total shit"}, {2, 3, "hidden\u200bspace"}, {2, 3, "bell\a"}} {
		if _, err := CleanFeedback(tc.lesson, tc.stars, tc.comment); err == nil {
			t.Errorf("accepted %+v", tc)
		}
	}
	t0 := time.Now()
	sum := Summarize([]Feedback{{LessonID: 1, Stars: 5, Comment: "a", UpdatedAt: jsontime.Of(t0)}, {LessonID: 1, Stars: 4, UpdatedAt: jsontime.Of(t0)},
		{LessonID: 1, Stars: 4, Comment: "b", UpdatedAt: jsontime.Of(t0.Add(time.Second))}})
	if len(sum) != 5 || sum[0].Count != 3 || sum[0].Average != 4.33 || sum[0].Distribution != [5]int{0, 0, 0, 2, 1} ||
		len(sum[0].Comments) != 2 || sum[0].Comments[0].Comment != "b" || sum[1].Count != 0 {
		t.Fatalf("summary: %+v", sum[0])
	}
}
