package apptest

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"animalgenius/app/quiz"
)

// Helpers for the classes and students tests: make classes through the
// API, build quiz answers, join and submit like a browser would.

type Class struct {
	ID           int64  `json:"id"`
	Name         string `json:"name"`
	Code         string `json:"code"`
	JoinURL      string `json:"joinUrl"`
	Students     int    `json:"students"`
	Archived     bool   `json:"archived"`
	AllowRetakes bool   `json:"allowRetakes"`
	SeatLimit    int    `json:"seatLimit"`
	TeacherName  string `json:"teacherName"`
}

type Result struct {
	Type          string   `json:"type"`
	Animal        string   `json:"animal"`
	Genius        string   `json:"genius"`
	LearningStyle string   `json:"learningStyle"`
	Styles        []string `json:"styles"`
	BankVersion   string   `json:"bankVersion"`
}

type Student struct {
	ID           int64   `json:"id"`
	ClassID      int64   `json:"classId"`
	Name         string  `json:"name"`
	PassportCode string  `json:"passportCode"`
	Coins        int     `json:"coins"`
	Result       *Result `json:"result"`
}

// Call sends a JSON request with c and returns status and body. Its JSON
// answer must match web/openapi.json, as in Run.
func (ta *App) Call(c *http.Client, method, path, body string, header ...string) (int, string) {
	ta.T.Helper()
	var req *http.Request
	if body != "" {
		req, _ = http.NewRequest(method, ta.URL+path, strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
	} else {
		req, _ = http.NewRequest(method, ta.URL+path, nil)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	status, h, got := Do(ta.T, c, req)
	// Like Run, every JSON answer must match web/openapi.json.
	if err := checkResponse(method, path, status, h, got); err != nil {
		ta.T.Errorf("openapi: %v; body: %.400s", err, got)
	}
	return status, got
}

// Decode unmarshals body into v or fails the test.
func Decode(t *testing.T, body string, v any) {
	t.Helper()
	if err := json.Unmarshal([]byte(body), v); err != nil {
		t.Fatalf("decode %q: %v", body, err)
	}
}

// CreateClass makes a class through the API as the teacher behind c.
func (ta *App) CreateClass(c *http.Client, name string, extra ...string) Class {
	ta.T.Helper()
	body := fmt.Sprintf(`{"name":%q,"grade":6,"icon":"owl","colour":"#059669"%s}`, name, strings.Join(extra, ""))
	status, got := ta.Call(c, http.MethodPost, "/api/v1/classes", body)
	if status != http.StatusCreated {
		ta.T.Fatalf("create class: %d %s", status, got)
	}
	var v struct{ Class Class }
	Decode(ta.T, got, &v)
	return v.Class
}

// AnswersAt answers every question of the bank, picking for each axis item
// the option keyed to the pole in poles ("ESTJ" style letters) and for
// style items the option keyed to style.
func AnswersAt(poles, style string) []quiz.Answer {
	var out []quiz.Answer
	for _, q := range quiz.DefaultBank().Questions() {
		pick := q.Options[0].ID
		for _, o := range q.Options {
			if strings.Contains(poles, o.Key) && len(o.Key) == 1 || o.Key == style {
				pick = o.ID
			}
		}
		out = append(out, quiz.Answer{Question: q.ID, Option: pick})
	}
	return out
}

// QuizJSON is the submission body for answers.
func QuizJSON(answers []quiz.Answer) string {
	b, _ := json.Marshal(quiz.Submission{BankVersion: quiz.DefaultBank().Version(), Answers: answers})
	return string(b)
}

func NewKey() string {
	b := make([]byte, 16)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// SubmitBody is a join submission for a name with answers.
func SubmitBody(first, initial string, answers []quiz.Answer) string {
	return fmt.Sprintf(`{"firstName":%q,"lastInitial":%q,"quiz":%s}`, first, initial, QuizJSON(answers))
}

// Join takes the quiz as a new student in a fresh browser-like client and
// returns the client (holding the student cookie) and the student.
func (ta *App) Join(code, first, initial string, answers []quiz.Answer) (*http.Client, Student) {
	ta.T.Helper()
	c := ta.NewClient()
	status, got := ta.Call(c, http.MethodPost, "/api/v1/join/"+code+"/submit", SubmitBody(first, initial, answers), "Idempotency-Key", NewKey())
	if status != http.StatusCreated {
		ta.T.Fatalf("join %s as %s %s: %d %s", code, first, initial, status, got)
	}
	var v struct{ Student Student }
	Decode(ta.T, got, &v)
	return c, v.Student
}

// CountRows counts rows of a table in the running appliance's database.
func (ta *App) CountRows(table string) int {
	ta.T.Helper()
	var n int
	if err := ta.App.Store().Reader.QueryRow(`SELECT count(*) FROM ` + table).Scan(&n); err != nil {
		ta.T.Fatal(err)
	}
	return n
}

// Snapshot is the row counts of the classes area's tables.
func (ta *App) Snapshot() string {
	ta.T.Helper()
	var parts []string
	for _, table := range []string{"classes", "students", "quiz_results", "coin_ledger", "sessions"} {
		parts = append(parts, fmt.Sprintf("%s=%d", table, ta.CountRows(table)))
	}
	var coins int
	ta.App.Store().Reader.QueryRow(`SELECT COALESCE(SUM(coins), 0) FROM students`).Scan(&coins)
	var codes string
	ta.App.Store().Reader.QueryRow(`SELECT COALESCE(group_concat(code || ':' || name || ':' || seat_limit || ':' || allow_retakes || ':' || (archived_at IS NULL), ','), '') FROM classes`).Scan(&codes)
	return strings.Join(parts, " ") + fmt.Sprintf(" coins=%d classes=[%s]", coins, codes)
}

func MustURL(s string) *url.URL {
	u, err := url.Parse(s)
	if err != nil {
		panic(err)
	}
	return u
}

// CreateClassStudents joins n more students (named Kid1, Kid2, ...) to a class.
func (ta *App) CreateClassStudents(code string, n int) []Student {
	ta.T.Helper()
	out := make([]Student, n)
	for i := range n {
		_, out[i] = ta.Join(code, "Kid"+string(rune('a'+i%26))+strings.Repeat("x", i/26), "Z", AnswersAt("ESTJ", "kinesthetic"))
	}
	return out
}

// StartLogged is Start with the appliance's log (debug level) kept for inspection.
func StartLogged(t *testing.T) (*App, *LockedBuffer) {
	t.Helper()
	logs := &LockedBuffer{}
	return StartWith(t, Config(t), slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))), logs
}
