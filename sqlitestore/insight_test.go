package sqlitestore_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"animalgenius/app/insight"
	"animalgenius/sqlitestore"
	"animalgenius/sqlitestore/storetest"
)

// insightFixture makes a teacher with one class and returns the class id.
func insightFixture(t testing.TB, s *sqlitestore.Store, code string) int64 {
	t.Helper()
	var classID int64
	err := s.Write(context.Background(), func(tx *sql.Tx) error {
		var acct int64
		if err := tx.QueryRow(`INSERT INTO accounts (email, display_name, role, created_at, updated_at)
			VALUES (?, 'T', 'teacher', 0, 0) RETURNING id`, "t"+strings.ToLower(code)+"@school.test").Scan(&acct); err != nil {
			return err
		}
		return tx.QueryRow(`INSERT INTO classes (teacher_id, name, icon, colour, code, created_at, updated_at)
			VALUES (?, 'Room 7', 'owl', '#112233', ?, 0, 0) RETURNING id`, acct, code).Scan(&classID)
	})
	if err != nil {
		t.Fatal(err)
	}
	return classID
}

const passportAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"

func passportFor(n int) string {
	b := []byte("OWL-22222")
	for i := 8; i > 3 && n > 0; i-- {
		b[i] = passportAlphabet[n%len(passportAlphabet)]
		n /= len(passportAlphabet)
	}
	return string(b)
}

var studentSeq int

// addStudent inserts a student; with completed zero it has not finished.
func addStudent(t testing.TB, s *sqlitestore.Store, classID int64, first string, completed time.Time) int64 {
	t.Helper()
	studentSeq++
	var id int64
	err := s.Write(context.Background(), func(tx *sql.Tx) error {
		if completed.IsZero() {
			return tx.QueryRow(`INSERT INTO students (class_id, first_name, last_initial, name_key, passport_code, coins, created_at)
				VALUES (?, ?, 'R', lower(?), ?, 5, 1000) RETURNING id`, classID, first, first, passportFor(studentSeq)).Scan(&id)
		}
		return tx.QueryRow(`INSERT INTO students (class_id, first_name, last_initial, name_key, passport_code, coins, created_at,
				type, animal, genius, learning_style, styles, e, i, s, n, t, f, j, p, visual, auditory, reading_writing, kinesthetic,
				bank_version, completed_at)
			VALUES (?, ?, 'R', lower(?), ?, 50, 1000, 'INTP', 'owl', 'thinker', 'visual', 'visual', 2, 7, 3, 6, 5, 4, 1, 8, 4, 3, 1, 1, 'v1', ?)
			RETURNING id`, classID, first, first, passportFor(studentSeq), completed.UnixMilli()).Scan(&id)
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func TestInsightClassRead(t *testing.T) {
	s := storetest.New(t)
	ctx := context.Background()
	classID := insightFixture(t, s, "ABCDEF")
	other := insightFixture(t, s, "ABCDEG")
	done := time.UnixMilli(1_700_000_000_000)
	owl := addStudent(t, s, classID, "Maya", done)
	ny := addStudent(t, s, classID, "Ben", time.Time{})
	addStudent(t, s, other, "Zed", done)

	data, err := s.InsightClass(ctx, classID)
	if err != nil {
		t.Fatal(err)
	}
	if len(data.Members) != 2 || !data.BoardFresh.IsZero() {
		t.Fatalf("read %d members, fresh %v", len(data.Members), data.BoardFresh)
	}
	for _, m := range data.Members {
		switch m.ID {
		case owl:
			if !m.Done || m.Name != "Maya R." || m.Animal != "owl" || m.Type != "INTP" || m.Genius != "thinker" || m.Style != "visual" ||
				m.Poles.I != 7 || m.Poles.P != 8 || m.Styles.Visual != 4 || !m.CompletedAt.Equal(done) || m.Coins != 50 || m.Passport == "" {
				t.Errorf("finished member %+v", m)
			}
		case ny:
			if m.Done || m.Animal != "" || m.Name != "Ben R." || !m.CompletedAt.IsZero() {
				t.Errorf("not-yet member %+v", m)
			}
		default:
			t.Errorf("member %d of another class", m.ID)
		}
	}

	fresh := time.UnixMilli(1_700_000_500_000)
	if err := s.SetBoardFresh(ctx, classID, fresh); err != nil {
		t.Fatal(err)
	}
	if err := s.SetBoardFresh(ctx, classID, fresh.Add(time.Second)); err != nil {
		t.Fatal(err)
	}
	if data, _ = s.InsightClass(ctx, classID); !data.BoardFresh.Equal(fresh.Add(time.Second)) {
		t.Fatalf("fresh = %v", data.BoardFresh)
	}
	if err := s.SetBoardFresh(ctx, classID, time.Time{}); err != nil {
		t.Fatal(err)
	}
	if data, _ = s.InsightClass(ctx, classID); !data.BoardFresh.IsZero() {
		t.Fatalf("fresh not cleared: %v", data.BoardFresh)
	}
}

func TestInsightGroupingsStore(t *testing.T) {
	s := storetest.New(t)
	ctx := context.Background()
	classID := insightFixture(t, s, "ABCDEF")
	other := insightFixture(t, s, "ABCDEG")
	now := time.UnixMilli(1_700_000_000_000)
	g, err := s.CreateGrouping(ctx, insight.SavedGrouping{ClassID: classID, Name: "Teams", Size: 3, Balance: "genius", Seed: 9,
		Groups: [][]int64{{1, 2}, {3}}, CreatedAt: now, UpdatedAt: now}, 2)
	if err != nil || g.ID == 0 {
		t.Fatalf("create: %v %+v", err, g)
	}
	got, err := s.Grouping(ctx, classID, g.ID)
	if err != nil || got.Name != "Teams" || len(got.Groups) != 2 || got.Groups[0][1] != 2 || !got.UpdatedAt.Equal(now) {
		t.Fatalf("read: %v %+v", err, got)
	}
	if _, err := s.Grouping(ctx, other, g.ID); !errors.Is(err, insight.ErrNotFound) {
		t.Fatalf("another class read it: %v", err)
	}
	if err := s.DeleteGrouping(ctx, other, g.ID); !errors.Is(err, insight.ErrNotFound) {
		t.Fatalf("another class deleted it: %v", err)
	}
	if _, err := s.CreateGrouping(ctx, insight.SavedGrouping{ClassID: classID, Name: "Two", Size: 2, Balance: "random",
		Groups: [][]int64{{1}}, CreatedAt: now, UpdatedAt: now}, 2); err != nil {
		t.Fatal(err)
	}
	_, err = s.CreateGrouping(ctx, insight.SavedGrouping{ClassID: classID, Name: "Three", Size: 2, Balance: "random",
		Groups: [][]int64{{1}}, CreatedAt: now, UpdatedAt: now}, 2)
	var ie *insight.InputError
	if !errors.As(err, &ie) || ie.Code != "too_many_saved" {
		t.Fatalf("over the cap: %v", err)
	}
	list, err := s.Groupings(ctx, classID)
	if err != nil || len(list) != 2 || list[0].Name != "Two" {
		t.Fatalf("list: %v %+v", err, list)
	}
	if err := s.DeleteGrouping(ctx, classID, g.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteGrouping(ctx, classID, g.ID); !errors.Is(err, insight.ErrNotFound) {
		t.Fatalf("deleted twice: %v", err)
	}
	// The schema refuses what the domain would never send.
	err = s.Write(ctx, func(tx *sql.Tx) error {
		_, err := tx.Exec(`INSERT INTO insight_groupings (class_id, name, size, balance, seed, groups, created_at, updated_at)
			VALUES (?, 'x', 7, 'genius', 1, '[]', 0, 0)`, classID)
		return err
	})
	if err == nil {
		t.Fatal("a group size of 7 was stored")
	}
	// Deleting the class deletes its groupings and board.
	if err := s.SetBoardFresh(ctx, classID, now); err != nil {
		t.Fatal(err)
	}
	err = s.Write(ctx, func(tx *sql.Tx) error {
		_, err := tx.Exec(`DELETE FROM classes WHERE id = ?`, classID)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	var left int
	s.Reader.QueryRow(`SELECT (SELECT count(*) FROM insight_groupings) + (SELECT count(*) FROM insight_boards)`).Scan(&left)
	if left != 0 {
		t.Fatalf("%d rows left after the class was deleted", left)
	}
}

func BenchmarkInsightClass500(b *testing.B) {
	s := storetest.New(b)
	classID := insightFixture(b, s, "ABCDEF")
	for i := range 500 {
		done := time.UnixMilli(1_700_000_000_000 + int64(i))
		if i%10 == 0 {
			done = time.Time{}
		}
		addStudent(b, s, classID, fmt.Sprintf("S%03d", i), done)
	}
	ctx := context.Background()
	b.ResetTimer()
	for b.Loop() {
		if _, err := s.InsightClass(ctx, classID); err != nil {
			b.Fatal(err)
		}
	}
}

func TestInsightCheck(t *testing.T) {
	s := storetest.New(t)
	ctx := context.Background()
	classID := insightFixture(t, s, "ABCDEF")
	if _, err := s.CreateGrouping(ctx, insight.SavedGrouping{ClassID: classID, Name: "Fine", Size: 2, Balance: "genius",
		Groups: [][]int64{{1, 2}}}, 5); err != nil {
		t.Fatal(err)
	}
	has := func(want bool) {
		t.Helper()
		problems, err := s.Check(ctx)
		found := false
		for _, p := range problems {
			found = found || strings.HasPrefix(p, "insight:")
		}
		if err != nil || found != want {
			t.Fatalf("check: %v %v, want an insight problem: %v", problems, err, want)
		}
	}
	has(false)
	if _, err := s.Writer.ExecContext(ctx, `UPDATE insight_groupings SET groups = '[[1,"x"]]'`); err != nil {
		t.Fatal(err)
	}
	has(true)
}
