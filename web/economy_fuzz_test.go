package web

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net/netip"
	"strings"
	"testing"
	"testing/fstest"

	"animalgenius/app/accounts"
	"animalgenius/app/classes"
	"animalgenius/app/config"
	"animalgenius/app/economy"
	"animalgenius/embed"
	"animalgenius/sqlitestore"
	"animalgenius/sqlitestore/storetest"
)

type embedArt struct{}

func (embedArt) Art(p string) (economy.Art, error) {
	b, err := fs.ReadFile(embed.FS, strings.TrimPrefix(p, "/"))
	return economy.Art{SVG: b}, err
}

func (embedArt) Animal(code string) ([]byte, error) {
	return fs.ReadFile(embed.FS, "art/animals/"+code+".svg")
}

type economyServer struct {
	srv          *Server
	store        *sqlitestore.Store
	teacher      string
	admin        string
	student      string
	class        int64
	studentID    int64
	otherStudent int64
}

// newEconomyServer is the real web layer on a real store with one class
// of two students (made straight in the 0003 tables), a signed-in teacher
// and a signed-in student.
func newEconomyServer(t testing.TB) *economyServer {
	t.Helper()
	st := storetest.New(t)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	acc := accounts.New(st, accounts.Options{Hash: accounts.HashParams{MemoryKiB: 64, Time: 1, Threads: 1}, Logger: log})
	eco := economy.NewService(st, embedArt{}, economy.Options{Logger: log})
	ctx := context.Background()
	if err := eco.Seed(ctx); err != nil {
		t.Fatal(err)
	}
	ui := fstest.MapFS{"index.html": {Data: []byte("<!doctype html><title>t</title>")}}
	// The classes area decides who may see a class (its routes' middleware).
	srv, err := New(Deps{Config: config.Default(), Logger: log, UI: ui, Accounts: acc, Economy: eco, Classes: classes.New(st),
		ImageExists: func(p string) bool { return strings.HasPrefix(p, "/art/items/") }})
	if err != nil {
		t.Fatal(err)
	}
	teacher, _, err := acc.CreateAccount(ctx, accounts.CLIActor, "teach@hill.school", "Sam", "", accounts.RoleTeacher, testPassword)
	if err != nil {
		t.Fatal(err)
	}
	// A box without an admin is a check problem of its own.
	if _, _, err := acc.CreateAccount(ctx, accounts.CLIActor, "it@hill.school", "Pat", "", accounts.RoleAdmin, testPassword); err != nil {
		t.Fatal(err)
	}
	es := &economyServer{srv: srv, store: st}
	var kids []int64
	es.class, kids = storetest.FixtureClass(t, st, teacher.ID, "owl", "Maya", "Leo")
	es.studentID, es.otherStudent = kids[0], kids[1]
	_, es.teacher, err = acc.Login(ctx, "teach@hill.school", testPassword, accounts.Client{IP: netip.MustParseAddr("127.0.0.1")})
	if err != nil {
		t.Fatal(err)
	}
	if _, es.admin, err = acc.Login(ctx, "it@hill.school", testPassword, accounts.Client{IP: netip.MustParseAddr("127.0.0.1")}); err != nil {
		t.Fatal(err)
	}
	if es.student, err = acc.CreateStudentSession(ctx, es.studentID); err != nil {
		t.Fatal(err)
	}
	if err := eco.SetStoreOpen(ctx, es.class, true); err != nil {
		t.Fatal(err)
	}
	return es
}

// FuzzEconomyJSON sends arbitrary bodies to every JSON endpoint of the
// economy. Whatever arrives: no 5xx, every refusal in the one error shape,
// and every balance still equals its ledger sum.
func FuzzEconomyJSON(f *testing.F) {
	for _, seed := range []string{
		`{"all":true,"amount":5,"action":"give","reason":"hi"}`,
		`{"studentIds":[1,2],"amount":1000,"action":"take"}`,
		`{"itemId":1}`, `{"speciesId":1,"name":"Rex"}`, `{"action":"feed"}`, `{"name":"Sir Rex"}`,
		`{"primary":"#8B5CF6","equipped":{"hat":1}}`, `{"open":true}`,
		`{"name":"Cap","slot":"hat","rarity":"rare","price":40,"image":"/art/items/hat-top.svg"}`,
		`{"amount":1e400}`, `{"amount":-0}`, "{\"reason\":\"\xff\"}", `[]`, `null`, `{"itemId":1}{}`,
	} {
		for route := 0; route < 8; route++ {
			f.Add(uint8(route), []byte(seed))
		}
	}
	es := newEconomyServer(f)
	f.Fuzz(func(t *testing.T, route uint8, body []byte) {
		base := fmt.Sprintf("/api/v1/classes/%d", es.class)
		type target struct {
			method, path string
			who          string
		}
		routes := []target{
			{"POST", base + "/coins", "teacher"},
			{"PUT", base + "/store", "teacher"},
			{"POST", "/api/v1/student/store/purchases", "student"},
			{"PUT", "/api/v1/student/avatar", "student"},
			{"POST", "/api/v1/student/pet", "student"},
			{"PATCH", "/api/v1/student/pet", "student"},
			{"POST", "/api/v1/student/pet/care", "student"},
			{"POST", "/api/v1/admin/catalog/items", "admin"},
		}
		r := routes[int(route)%len(routes)]
		cookie, tok := sessionCookie, es.teacher
		switch r.who {
		case "student":
			cookie, tok = studentCookie, es.student
		case "admin":
			tok = es.admin
		}
		hdr := map[string]string{"X-CSRF-Token": testCSRF, "Idempotency-Key": fmt.Sprintf("fuzz-key-%x", body)[:min(128, 9+2*len(body))]}
		resp, got := call(t, es.srv.App(), r.method, r.path, string(body), hdr, cookie, tok, csrfCookie, testCSRF)
		if resp.StatusCode >= 500 {
			t.Fatalf("%s %s %q: %d %s", r.method, r.path, body, resp.StatusCode, got)
		}
		if resp.StatusCode >= 400 {
			var e struct {
				Error struct{ Code, Message string } `json:"error"`
			}
			if json.Unmarshal([]byte(got), &e) != nil || e.Error.Code == "" || e.Error.Message == "" {
				t.Fatalf("%s %s: refusal not in the error shape: %s", r.method, r.path, got)
			}
		}
		problems, err := es.store.Check(context.Background())
		if err != nil || len(problems) > 0 {
			t.Fatalf("after %s %s %q: %v %v", r.method, r.path, body, problems, err)
		}
	})
}
