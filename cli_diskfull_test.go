package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"animalgenius/app/apptest"
)

func postBinJSON(t *testing.T, c *http.Client, url, body string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, url, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.Do(req)
	if err != nil {
		t.Fatalf("POST %s: %v", url, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// TestDiskFull runs the binary on a small tmpfs and fills it: uploads are
// refused early below server.min_free_disk_mb, writes that find no space
// answer 507 disk_full in words a teacher can act on (never a 500),
// SIGTERM while full exits cleanly, and after room is made nothing
// acknowledged is lost.
func TestDiskFull(t *testing.T) {
	dir := apptest.MountTmpfs(t, 48)
	if code, out, errOut := runBinSplit(t, "careful admin keeps backups\n", "admin", "create", "--data", dir, "--email", "it@school.example", "--password-stdin"); code != 0 {
		t.Fatalf("admin create: %d %s %s", code, out, errOut)
	}
	code, out, errOut := runBinSplit(t, "tidy teacher keeps lists\n", "admin", "create", "--teacher", "--data", dir, "--email", "t@school.example", "--password-stdin")
	if code != 0 {
		t.Fatalf("admin create: %d %s %s", code, out, errOut)
	}
	srv := startBinary(t, dir, "AG_SERVER_MIN_FREE_DISK_MB=8")
	c := apptest.NewClientFor(srv.url)
	if status, body := postBinJSON(t, c, srv.url+"/api/v1/auth/login", `{"email":"t@school.example","password":"tidy teacher keeps lists"}`); status != 200 {
		t.Fatalf("login: %d %s", status, body)
	}
	created := 0
	if status, body := postBinJSON(t, c, srv.url+"/api/v1/classes", `{"name":"Room 1","grade":6}`); status != 201 {
		t.Fatalf("class before filling: %d %s", status, body)
	}
	created++

	// Below min_free_disk_mb (but with room to spare): uploads are refused
	// before anything is written; other writes still work.
	removeFiller := apptest.FillDisk(t, dir, 4<<20)
	var form bytes.Buffer
	mw := multipart.NewWriter(&form)
	fw, _ := mw.CreateFormFile("file", "cat.png")
	fw.Write(bytes.Repeat([]byte{0x89, 'P', 'N', 'G'}, 100))
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, srv.url+"/api/v1/question-images", &form)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusInsufficientStorage || !strings.Contains(string(body), `"code":"disk_full"`) || !strings.Contains(string(body), "tell your IT team") {
		t.Fatalf("upload below min_free_disk_mb: %d %s", resp.StatusCode, body)
	}
	if status, body := postBinJSON(t, c, srv.url+"/api/v1/classes", `{"name":"Room 2","grade":6}`); status != 201 {
		t.Fatalf("class with 4 MiB free: %d %s", status, body)
	}
	created++
	resp, err = http.Get(srv.url + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	body, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable || !strings.Contains(string(body), "disk") {
		t.Fatalf("readyz below min_free_disk_mb: %d %s", resp.StatusCode, body)
	}

	// Full: writes are refused with 507 disk_full, never a 500.
	removeFull := apptest.FillDisk(t, dir, 0)
	var refused507 int
	for i := 0; i < 400 && refused507 < 3; i++ {
		status, body := postBinJSON(t, c, srv.url+"/api/v1/classes", fmt.Sprintf(`{"name":"Full room %d %s","grade":6}`, i, strings.Repeat("x", 40)))
		switch status {
		case http.StatusCreated:
			created++
		case http.StatusInsufficientStorage:
			var e struct {
				Error struct{ Code, Message string }
			}
			json.Unmarshal([]byte(body), &e)
			if e.Error.Code != "disk_full" || !strings.Contains(e.Error.Message, "disk is full") || !strings.Contains(e.Error.Message, "tell your IT team") {
				t.Fatalf("507 body: %s", body)
			}
			refused507++
		default:
			t.Fatalf("write %d on a full disk: %d %s\nlogs:\n%s", i, status, body, srv.logs)
		}
	}
	if refused507 == 0 {
		t.Fatalf("400 writes on a full disk all succeeded")
	}
	// Reads still work.
	resp, err = c.Get(srv.url + "/api/v1/classes")
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("read on a full disk: %v %v", resp, err)
	}
	resp.Body.Close()

	// SIGTERM while full: a clean exit with a clear message.
	srv.stop(t)
	logs := srv.logs.String()
	_, atStop, _ := strings.Cut(logs, "shutting down")
	if !strings.Contains(atStop, "disk is full") || !strings.Contains(atStop, "Make room on the disk") {
		t.Errorf("shutdown on a full disk says nothing about the disk:\n%s", logs)
	}
	if strings.Contains(logs, "panic") {
		t.Errorf("panic in logs:\n%s", logs)
	}

	// Room again: every acknowledged class is there and the data is sound.
	removeFull()
	removeFiller()
	if code, out, errOut := runBinSplit(t, "", "check", "--data", dir); code != 0 {
		t.Fatalf("check after the disk was full: %d %s %s", code, out, errOut)
	}
	srv = startBinary(t, dir)
	c = apptest.NewClientFor(srv.url)
	postBinJSON(t, c, srv.url+"/api/v1/auth/login", `{"email":"t@school.example","password":"tidy teacher keeps lists"}`)
	resp, err = c.Get(srv.url + "/api/v1/classes")
	if err != nil {
		t.Fatal(err)
	}
	var list struct{ Classes []struct{ Name string } }
	json.NewDecoder(resp.Body).Decode(&list)
	resp.Body.Close()
	if len(list.Classes) != created {
		t.Fatalf("after restart: %d classes, %d were acknowledged", len(list.Classes), created)
	}
	srv.stop(t)
}

// TestStartOnANearlyFullDiskWarns: a start below server.min_free_disk_mb
// says so in the log with what is free and what to do, not only "ready"
// while /readyz answers 503.
func TestStartOnANearlyFullDiskWarns(t *testing.T) {
	dir := newCurrentDataDir(t)
	srv := startBinary(t, dir, "AG_SERVER_MIN_FREE_DISK_MB=1000000000") // about a petabyte: every disk is "nearly full"
	srv.stop(t)
	logs := srv.logs.String()
	if !strings.Contains(logs, "starting with the disk nearly full") || !strings.Contains(logs, "free_mib=") || !strings.Contains(logs, "Make room on the disk") {
		t.Fatalf("no warning at start:\n%s", logs)
	}
}
