package web_test

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"animalgenius/app/apptest"
)

// getEncoded asks path with the Accept-Encoding given (set by hand, so
// Go's client hands over the bytes as they came).
func getEncoded(t *testing.T, ta *apptest.App, c *http.Client, path, acceptEncoding string) (http.Header, []byte) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, ta.URL+path, nil)
	req.Header.Set("Accept-Encoding", acceptEncoding)
	status, h, body := apptest.Do(t, c, req)
	if status != http.StatusOK {
		t.Fatalf("GET %s (Accept-Encoding %q): %d %s", path, acceptEncoding, status, body)
	}
	return h, []byte(body)
}

func gunzipBody(t *testing.T, b []byte) []byte {
	t.Helper()
	r, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("the gzip answer is not gzip: %v", err)
	}
	out, err := io.ReadAll(r)
	if err != nil {
		t.Fatalf("the gzip answer is damaged: %v", err)
	}
	return out
}

// The kept answers a browser asks for again and again (the roster, the
// analytics, the teacher's classes, a pupil's dashboard) go gzipped to a
// client that takes gzip, the same JSON as sent plain to one that does
// not, and never older than the class: a change is in the next gzip
// answer.
func TestCachedAnswersGoGzippedToClientsThatTakeIt(t *testing.T) {
	ta := apptest.Start(t, nil)
	acct, teacher := ta.Teacher("gzip@school.test")
	class := ta.InsightClass(acct.ID, "Room 12", "GZPABC")
	var first int64
	for i := range 30 {
		id := ta.InsightStudent(class, fmt.Sprintf("Pupil%02d", i), "INFP", "meerkat", "feeler", "visual")
		if i == 0 {
			first = id
		}
	}
	for range 12 {
		ta.CreateClass(teacher, "Another room")
	}
	base := fmt.Sprintf("/api/v1/classes/%d", class)
	paths := []string{base + "/roster", base + "/analytics", "/api/v1/classes", base + "/roster?sort=name&dir=desc"}
	for _, p := range paths {
		plainH, plain := getEncoded(t, ta, teacher, p, "identity")
		if enc := plainH.Get("Content-Encoding"); enc != "" {
			t.Fatalf("%s: Content-Encoding %q to a client that takes none", p, enc)
		}
		if len(plain) < 1400 {
			t.Fatalf("%s: the plain answer is %d bytes; the test needs one worth compressing", p, len(plain))
		}
		for _, ae := range []string{"gzip", "gzip, deflate, br, zstd", "br;q=1.0, gzip;q=0.8"} {
			h, gz := getEncoded(t, ta, teacher, p, ae)
			if h.Get("Content-Encoding") != "gzip" || !strings.Contains(h.Get("Vary"), "Accept-Encoding") {
				t.Fatalf("%s with %q: Content-Encoding %q, Vary %q", p, ae, h.Get("Content-Encoding"), h.Get("Vary"))
			}
			if len(gz)*2 > len(plain) {
				t.Fatalf("%s: gzip answer %d bytes for %d plain", p, len(gz), len(plain))
			}
			if got := gunzipBody(t, gz); !bytes.Equal(got, plain) {
				t.Fatalf("%s: the gzip answer is not the plain one:\n%s\n%s", p, got, plain)
			}
		}
		if h, _ := getEncoded(t, ta, teacher, p, "gzip;q=0, identity"); h.Get("Content-Encoding") != "" {
			t.Fatalf("%s: gzip sent to a client that refused it (q=0)", p)
		}
	}

	// A rename shows in the next gzip answer.
	status, body := ta.Call(teacher, http.MethodPatch, fmt.Sprintf("%s/students/%d", base, first), `{"firstName":"Renamed","lastInitial":"Q"}`)
	if status != http.StatusOK {
		t.Fatalf("rename: %d %s", status, body)
	}
	_, gz := getEncoded(t, ta, teacher, base+"/roster", "gzip")
	if got := string(gunzipBody(t, gz)); !strings.Contains(got, `"Renamed Q."`) || strings.Contains(got, `"Pupil00 T."`) {
		t.Fatalf("the gzip roster after a rename still shows the old name: %.300s", got)
	}

	// Another teacher's gzip answer is refused like the plain one.
	_, other := ta.Teacher("other@school.test")
	req, _ := http.NewRequest(http.MethodGet, ta.URL+base+"/roster", nil)
	req.Header.Set("Accept-Encoding", "gzip")
	if status, _, body := apptest.Do(t, other, req); status != http.StatusNotFound || strings.Contains(body, "Pupil") {
		t.Fatalf("another teacher's gzip roster: %d %.200s", status, body)
	}
}

// A small answer goes plain even to a client that takes gzip: compressing
// it would not make it fit fewer packets.
func TestSmallAnswersGoPlain(t *testing.T) {
	ta := apptest.Start(t, nil)
	for _, p := range []string{"/healthz", "/readyz"} {
		h, body := getEncoded(t, ta, ta.NewClient(), p, "gzip")
		if h.Get("Content-Encoding") != "" || !bytes.HasPrefix(body, []byte(`{"status":`)) {
			t.Fatalf("%s: Content-Encoding %q, body %q", p, h.Get("Content-Encoding"), body)
		}
	}
}
