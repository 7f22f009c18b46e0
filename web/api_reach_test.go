package web_test

import (
	"fmt"
	"net/http"
	"net/netip"
	"strings"
	"testing"

	appliance "animalgenius/app"
	"animalgenius/app/apptest"
	"animalgenius/app/config"
	"animalgenius/app/reach"
)

// The links pupils open (class join link, its QR code, the game lobby's
// link, the setup link) are never a loopback address when the box has a
// LAN address, even though the teacher's browser is on 127.0.0.1.
// 192.0.2.10 is a documentation address: it is only written into links,
// never dialled.
func TestJoinLinksNeverLoopbackWithALANAddress(t *testing.T) {
	lan := appliance.WithLANDetector(func() (netip.Addr, bool) { return netip.MustParseAddr("192.0.2.10"), true })
	app := apptest.Start(t, nil, lan)
	port := app.URL[strings.LastIndex(app.URL, ":")+1:]
	want := "http://192.0.2.10:" + port
	// The first-run setup link in the log (for whoever sets the box up,
	// maybe from another computer).
	if setup := app.WaitSetupURL(); !strings.HasPrefix(setup, want+"/setup/") {
		t.Fatalf("setup link %q, want it at %s", setup, want)
	}
	_, ana := app.Teacher("ana@hill.school")
	cl := app.CreateClass(ana, "Room 7")
	if cl.JoinURL != want+"/join/"+cl.Code {
		t.Fatalf("join link %q, want %s/join/%s", cl.JoinURL, want, cl.Code)
	}
	status, body := app.Call(ana, http.MethodGet, fmt.Sprintf("/api/v1/classes/%d", cl.ID), "")
	if status != 200 || !strings.Contains(body, want+"/join/") || strings.Contains(body, "127.0.0.1") {
		t.Fatalf("class: %d %s", status, body)
	}
	var set struct{ ID int64 }
	postJSON(t, ana, app.URL+"/api/v1/question-sets", threeQuestions, http.StatusCreated, &set)
	var g createdGame
	postJSON(t, ana, app.URL+"/api/v1/games", fmt.Sprintf(`{"setId":%d,"mode":"individual"}`, set.ID), http.StatusCreated, &g)
	if g.JoinURL != want+"/play/"+g.PIN {
		t.Fatalf("game link %q, want %s/play/%s", g.JoinURL, want, g.PIN)
	}
	var r struct {
		reach.Base
		Announced    string `json:"announced"`
		PublicURLSet bool   `json:"publicUrlSet"`
	}
	status, body = app.Call(ana, http.MethodGet, "/api/v1/reach", "")
	apptest.Decode(t, body, &r)
	if status != 200 || r.URL != want || r.Source != reach.SourceLAN || r.Loopback || r.PublicURLSet {
		t.Fatalf("reach: %d %s", status, body)
	}
	// Only signed-in teachers and admins ask.
	if status, body := app.Call(app.NewClient(), http.MethodGet, "/api/v1/reach", ""); status != 401 || !strings.Contains(body, "login_required") {
		t.Fatalf("reach without a session: %d %s", status, body)
	}
	kid, _ := app.Join(cl.Code, "Maya", "R", apptest.AnswersAt("ESTP", "visual"))
	if status, _ := app.Call(kid, http.MethodGet, "/api/v1/reach", ""); status != 401 {
		t.Fatalf("reach as a student: %d", status)
	}
	// A teacher who opened the box by a name other devices use keeps it.
	req, _ := http.NewRequest(http.MethodGet, app.URL+"/api/v1/classes/"+itoa(cl.ID), nil)
	req.Host = "ag.hill.school:" + port
	for _, ck := range ana.Jar.Cookies(req.URL) { // the jar would match the Host
		req.AddCookie(ck)
	}
	status, _, body = apptest.Do(t, http.DefaultClient, req)
	if status != 200 || !strings.Contains(body, `"joinUrl":"http://ag.hill.school:`+port+`/join/`) {
		t.Fatalf("class by name: %d %s", status, body)
	}
}

func TestJoinLinksWithoutALANAddress(t *testing.T) {
	// No LAN address: the links are the browser's loopback address and
	// /reach says so, for the page to warn.
	app := apptest.Start(t, nil)
	_, ana := app.Teacher("ana@hill.school")
	cl := app.CreateClass(ana, "Room 7")
	if cl.JoinURL != app.URL+"/join/"+cl.Code {
		t.Fatalf("join link %q", cl.JoinURL)
	}
	status, body := app.Call(ana, http.MethodGet, "/api/v1/reach", "")
	if status != 200 || !strings.Contains(body, `"loopback":true`) || !strings.Contains(body, `"source":"request"`) ||
		!strings.Contains(body, `"listensOnLoopback":true`) {
		t.Fatalf("reach: %d %s", status, body)
	}
	// A box that listens on every address (server.addr ":8080") but found
	// no LAN address says so apart from one that listens on loopback only.
	// (The test's listener stays on 127.0.0.1.)
	every := apptest.Start(t, func(c *config.Config) { c.Server.Addr = ":8080" })
	_, cy := every.Teacher("cy@hill.school")
	status, body = every.Call(cy, http.MethodGet, "/api/v1/reach", "")
	if status != 200 || !strings.Contains(body, `"loopback":true`) || !strings.Contains(body, `"listensOnLoopback":false`) {
		t.Fatalf("reach listening on every address: %d %s", status, body)
	}
	// server.public_url wins over everything.
	app2 := apptest.Start(t, func(c *config.Config) { c.Server.PublicURL = "https://ag.hill.school/" },
		appliance.WithLANDetector(func() (netip.Addr, bool) { return netip.MustParseAddr("192.0.2.10"), true }))
	_, bo := app2.Teacher("bo@hill.school")
	cl2 := app2.CreateClass(bo, "Room 8")
	if cl2.JoinURL != "https://ag.hill.school/join/"+cl2.Code {
		t.Fatalf("join link with public_url %q", cl2.JoinURL)
	}
	status, body = app2.Call(bo, http.MethodGet, "/api/v1/reach", "")
	if status != 200 || !strings.Contains(body, `"source":"config"`) || !strings.Contains(body, `"publicUrlSet":true`) {
		t.Fatalf("reach with public_url: %d %s", status, body)
	}
}
