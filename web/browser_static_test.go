package web_test

import (
	"fmt"
	"net/url"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"animalgenius/app/apptest"
)

// transfer is what one page visit moved over the network, from chromium's
// network events.
type transfer struct {
	requests  int      // requests that reached the server (not answered by the browser's cache)
	bytes     int64    // bytes received for them, headers included (encodedDataLength)
	cached    int      // requests the browser answered from its cache without asking
	static    []string // non-API paths that reached the server, with their status
	notLocal  []string // any request for another host
	pageBytes int64    // of which the shell and static files
}

func (tr transfer) String() string {
	return fmt.Sprintf("%d requests to the server, %d bytes (static %d bytes), %d from the browser cache; static requests: %s",
		tr.requests, tr.bytes, tr.pageBytes, tr.cached, strings.Join(tr.static, " "))
}

// netWatch records chromium's network events between Reset and Take.
type netWatch struct {
	mu      sync.Mutex
	urls    map[network.RequestID]string
	status  map[network.RequestID]int64
	cached  map[network.RequestID]bool
	done    map[network.RequestID]float64
	last    time.Time
	started int
}

func watchNetwork(t *testing.T, b *apptest.Browser) *netWatch {
	w := &netWatch{}
	w.Reset()
	chromedp.ListenTarget(b.Ctx, func(ev any) {
		w.mu.Lock()
		defer w.mu.Unlock()
		w.last = time.Now()
		switch e := ev.(type) {
		case *network.EventRequestWillBeSent:
			if _, ok := w.urls[e.RequestID]; !ok {
				w.started++
			}
			w.urls[e.RequestID] = e.Request.URL
		case *network.EventRequestServedFromCache:
			w.cached[e.RequestID] = true
		case *network.EventResponseReceived:
			w.status[e.RequestID] = e.Response.Status
			if e.Response.FromDiskCache || e.Response.FromPrefetchCache || e.Response.FromServiceWorker {
				w.cached[e.RequestID] = true
			}
		case *network.EventLoadingFinished:
			w.done[e.RequestID] = e.EncodedDataLength
		case *network.EventLoadingFailed:
			w.done[e.RequestID] = 0
		}
	})
	// Fetch interception (apptest's off-box guard) makes chromium bypass its
	// HTTP cache, so it is off here; this test checks hosts itself instead.
	b.Run("watch the network", fetch.Disable(), network.Enable())
	return w
}

func (w *netWatch) Reset() {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.urls = map[network.RequestID]string{}
	w.status = map[network.RequestID]int64{}
	w.cached = map[network.RequestID]bool{}
	w.done = map[network.RequestID]float64{}
	w.started = 0
	w.last = time.Now()
}

// Take waits until every request has finished and the network has been
// quiet for a moment (at most 20 s), then sums up.
func (w *netWatch) Take(t *testing.T) transfer {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		w.mu.Lock()
		quiet := len(w.done) >= len(w.urls) && time.Since(w.last) > 700*time.Millisecond
		w.mu.Unlock()
		if quiet {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	var tr transfer
	for id, raw := range w.urls {
		u, err := url.Parse(raw)
		if err != nil || u.Scheme == "data" || u.Scheme == "blob" || u.Scheme == "about" {
			continue
		}
		if !apptest.IsLoopbackHost(u.Hostname()) {
			tr.notLocal = append(tr.notLocal, raw)
			continue
		}
		if w.cached[id] {
			tr.cached++
			continue
		}
		tr.requests++
		n := int64(w.done[id])
		tr.bytes += n
		if !strings.HasPrefix(u.Path, "/api/") && u.Path != "/ws" {
			tr.pageBytes += n
			tr.static = append(tr.static, fmt.Sprintf("%s=%d", u.Path, w.status[id]))
		}
	}
	sort.Strings(tr.static)
	return tr
}

// visitTwice loads path in a fresh browser profile (a first visit), leaves
// for about:blank, and loads it again (a repeat visit), waiting each time
// for want to show in the page.
func visitTwice(t *testing.T, app *apptest.App, b *apptest.Browser, w *netWatch, path, sel, want string) (first, repeat transfer) {
	t.Helper()
	w.Reset()
	b.Run("first visit "+path, chromedp.Navigate(app.URL+path))
	b.WaitText(sel, want)
	first = w.Take(t)
	b.Run("leave", chromedp.Navigate("about:blank"))
	w.Reset()
	b.Run("repeat visit "+path, chromedp.Navigate(app.URL+path))
	b.WaitText(sel, want)
	repeat = w.Take(t)
	for _, tr := range []transfer{first, repeat} {
		if len(tr.notLocal) > 0 {
			t.Errorf("requests left the box: %v", tr.notLocal)
		}
	}
	return first, repeat
}

// TestStaticTransferFirstAndRepeatVisit measures, in a real browser, the
// bytes a first and a repeat visit transfer for the landing page and a
// teacher's class page (docs/PERFORMANCE.md records the figures), and
// checks that a repeat visit asks the server for nothing static but the
// HTML shell: every other file has a content-hashed, immutable name.
func TestStaticTransferFirstAndRepeatVisit(t *testing.T) {
	app := apptest.Start(t, nil)
	_, tc := app.Teacher("ana@hill.school")
	cl := app.CreateClass(tc, "Room 7")
	app.CreateClassStudents(cl.Code, 3)

	pages := []struct{ name, path, sel, want string }{
		{"landing", "/", "#landing-title", "Which animal"},
		{"teacher class", fmt.Sprintf("/teacher/classes/%d", cl.ID), "main h1", "Room 7"},
	}
	for _, p := range pages {
		t.Run(p.name, func(t *testing.T) {
			b := apptest.NewBrowser(t)
			if p.name != "landing" {
				b.SignIn(app.URL, "ag_session", app.SessionCookie(tc))
			}
			w := watchNetwork(t, b)
			first, repeat := visitTwice(t, app, b, w, p.path, p.sel, p.want)
			t.Logf("%s first visit:  %s", p.name, first)
			t.Logf("%s repeat visit: %s", p.name, repeat)
			if len(repeat.static) != 1 || !strings.HasPrefix(repeat.static[0], p.path+"=") {
				t.Errorf("a repeat visit of %s asked the server for %v; want only the shell %s", p.path, repeat.static, p.path)
			}
			if first.pageBytes <= repeat.pageBytes {
				t.Errorf("repeat visit moved %d static bytes, first %d: the cache did nothing", repeat.pageBytes, first.pageBytes)
			}
			b.AssertClean()
		})
	}
}
