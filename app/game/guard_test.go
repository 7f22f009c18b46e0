package game_test

import (
	"net/netip"
	"testing"
	"time"

	"animalgenius/app/game"
)

func TestGuardBudgetsWrongPINs(t *testing.T) {
	clock := newFakeClock()
	g := game.NewGuard(clock, game.GuardOptions{Limit: 20, GlobalLimit: 1000, Window: 10 * time.Minute})
	school := netip.MustParseAddr("10.1.2.3")
	other := netip.MustParseAddr("10.9.9.9")
	// The first half of the budget is free.
	for i := 0; i < 10; i++ {
		if err := g.Allow(school); err != nil {
			t.Fatalf("try %d refused: %v", i, err)
		}
		g.Fail(school)
	}
	// Then each try must wait a growing delay.
	g.Fail(school) // 11th failure: 100 ms
	err := g.Allow(school)
	ge, ok := err.(*game.Error)
	if !ok || ge.Code != "too_many_tries" || ge.RetryAfter != 100*time.Millisecond {
		t.Fatalf("after 11 failures: %v", err)
	}
	clock.Advance(100 * time.Millisecond)
	if err := g.Allow(school); err != nil {
		t.Fatalf("after the wait: %v", err)
	}
	for i := 0; i < 9; i++ {
		g.Fail(school)
		clock.Advance(5 * time.Second)
	}
	// 20 failures: refused until the window ends, whatever the wait.
	if err := g.Allow(school); err == nil {
		t.Fatal("the spent budget still allows tries")
	}
	if err := g.Allow(other); err != nil {
		t.Fatalf("another address is refused: %v", err)
	}
	clock.Advance(10 * time.Minute)
	if err := g.Allow(school); err != nil {
		t.Fatalf("a new window still refuses: %v", err)
	}
}

func TestGuardGlobalBudgetAndBoundedMemory(t *testing.T) {
	clock := newFakeClock()
	g := game.NewGuard(clock, game.GuardOptions{Limit: 1000, GlobalLimit: 50, MaxAddrs: 10})
	for i := 0; i < 50; i++ {
		a := netip.AddrFrom4([4]byte{10, 0, byte(i / 250), byte(i % 250)})
		if err := g.Allow(a); err != nil {
			t.Fatalf("try %d: %v", i, err)
		}
		g.Fail(a)
		clock.Advance(10 * time.Second)
	}
	if err := g.Allow(netip.MustParseAddr("192.0.2.1")); err == nil {
		t.Fatal("the box-wide budget is not enforced")
	}
}

func TestManagerFindSpendsTheBudget(t *testing.T) {
	f := newFixture(t, game.Options{Guard: game.GuardOptions{Limit: 10}})
	g, err := f.mgr.Create(bg, host, testSet(1), game.Individual)
	if err != nil {
		t.Fatal(err)
	}
	addr := netip.MustParseAddr("127.0.0.1")
	if found, err := f.mgr.Find(addr, g.PIN); err != nil || found != g {
		t.Fatalf("Find(right PIN) = %v, %v", found, err)
	}
	wrong := "000000"
	refused, looked := 0, 0
	for i := 0; i < 10_000; i++ {
		_, err := f.mgr.Find(addr, wrong)
		switch err.(*game.Error).Code {
		case "no_game":
			looked++
		case "too_many_tries":
			refused++
		default:
			t.Fatalf("unexpected %v", err)
		}
		if i%100 == 0 {
			clock := f.clock
			clock.Advance(time.Second)
		}
	}
	if looked > 10 || refused != 10_000-looked {
		t.Fatalf("10,000 wrong PINs: %d looked up, %d refused", looked, refused)
	}
	for _, bad := range []string{"", "12345", "1234567", "abcdef", "12 456"} {
		if _, err := f.mgr.Find(netip.MustParseAddr("127.0.0.2"), bad); err == nil {
			t.Fatalf("PIN %q found a game", bad)
		}
	}
}

func TestBundledSet(t *testing.T) {
	s := game.Bundled()
	if len(s.Questions) < 30 {
		t.Fatalf("bundled set has %d questions, want at least 30", len(s.Questions))
	}
	if err := s.Normalize(); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, q := range s.Questions {
		if seen[q.Text] {
			t.Fatalf("question twice: %q", q.Text)
		}
		seen[q.Text] = true
	}
	if !s.Bundled || s.ID != 0 {
		t.Fatalf("bundled flags %+v", s)
	}
}

func TestSetNormalize(t *testing.T) {
	good := func() game.Set { return testSet(2) }
	for _, tc := range []struct {
		field string
		edit  func(s *game.Set)
	}{
		{"title", func(s *game.Set) { s.Title = "  " }},
		{"questions", func(s *game.Set) { s.Questions = nil }},
		{"questions[1].text", func(s *game.Set) { s.Questions[1].Text = "" }},
		{"questions[0].options", func(s *game.Set) { s.Questions[0].Options = []string{"only"} }},
		{"questions[0].options", func(s *game.Set) { s.Questions[0].Options = []string{"a", "b", "c", "d", "e"} }},
		{"questions[0].options[1]", func(s *game.Set) { s.Questions[0].Options[1] = " wrong " }},
		{"questions[0].correct", func(s *game.Set) { s.Questions[0].Correct = 3 }},
		{"questions[0].correct", func(s *game.Set) { s.Questions[0].Correct = -1 }},
		{"questions[0].seconds", func(s *game.Set) { s.Questions[0].Seconds = 4 }},
		{"questions[0].seconds", func(s *game.Set) { s.Questions[0].Seconds = 121 }},
		// The free-text rule (textrules.Text) on every text of a set.
		{"title", func(s *game.Set) { s.Title = "Quiz\u202e" }},
		{"title", func(s *game.Set) { s.Title = "Two\nlines" }},
		{"description", func(s *game.Set) { s.Description = "bell\a" }},
		{"questions[1].text", func(s *game.Set) { s.Questions[1].Text = "What\x00 is it?" }},
		{"questions[1].text", func(s *game.Set) { s.Questions[1].Text = "\x1b[2JWhat?" }},
		{"questions[0].options[1]", func(s *game.Set) { s.Questions[0].Options[1] = "zero\u200bwidth" }},
		{"questions[0].options[0]", func(s *game.Set) { s.Questions[0].Options[0] = "\ufeffBOM" }},
	} {
		s := good()
		tc.edit(&s)
		err := s.Normalize()
		fe, ok := err.(*game.FieldError)
		if !ok || fe.Field != tc.field {
			t.Errorf("want field %s, got %v", tc.field, err)
		}
	}
	s := good()
	s.Title = "  Spaced  "
	if err := s.Normalize(); err != nil || s.Title != "Spaced" {
		t.Fatalf("normalize: %q %v", s.Title, err)
	}
}
