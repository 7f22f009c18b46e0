package apptest

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/cookiejar"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"animalgenius/app"
	"animalgenius/app/config"
)

// App is the real appliance on a temp data directory and a free
// loopback port, for end-to-end tests over real HTTP.
type App struct {
	// T is the test the app belongs to; App is the running appliance.
	T      *testing.T
	App    *app.App
	URL    string
	Dir    string
	Client *http.Client
	cancel context.CancelFunc
	done   chan error
}

// Config is the default configuration with a temp data directory and
// quick job polling.
func Config(t *testing.T) config.Config {
	cfg := config.Default()
	cfg.Server.DataDir = t.TempDir()
	cfg.Server.Addr = "127.0.0.1:0"
	cfg.Backup.Time = ""
	cfg.Jobs.Poll = config.Duration{Duration: 20 * time.Millisecond}
	cfg.Server.MinFreeDiskMB = 1
	cfg.Server.MDNS = false // tests stay on loopback
	return cfg
}

// Start starts the appliance on a temp data directory and a free loopback
// port; mutate adjusts the config first; options adjust the app (after
// the test default of no LAN address). Set AG_TEST_LOG to see its log.
func Start(t *testing.T, mutate func(*config.Config), options ...app.Option) *App {
	t.Helper()
	cfg := Config(t)
	if mutate != nil {
		mutate(&cfg)
	}
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	if os.Getenv("AG_TEST_LOG") != "" {
		log = slog.New(slog.NewTextHandler(os.Stderr, nil))
	}
	return StartWith(t, cfg, log, options...)
}

// StartWith starts the appliance with this configuration and logger. No
// test uses a real LAN address: the box has none unless a test gives one
// (app.WithLANDetector, after this default).
func StartWith(t *testing.T, cfg config.Config, log *slog.Logger, options ...app.Option) *App {
	t.Helper()
	a, err := app.Open(cfg, log, append([]app.Option{app.WithLANDetector(app.NoLAN)}, options...)...)
	if err != nil {
		t.Fatalf("open appliance: %v", err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	ta := &App{T: t, App: a, URL: "http://" + ln.Addr().String(), Dir: cfg.Server.DataDir, cancel: cancel, done: make(chan error, 1)}
	ta.Client = ta.NewClient()
	go func() { ta.done <- a.Run(ctx, ln) }()
	t.Cleanup(ta.Stop)
	return ta
}

// NewClient is a browser-like client with its own cookie jar. Like the
// UI's api.js it echoes the ag_csrf cookie in X-CSRF-Token on POST, PUT,
// PATCH and DELETE (fetching the cookie first when it has none), unless
// the request already sets that header (set it to "" to send none).
func (ta *App) NewClient() *http.Client {
	c := NewClientFor(ta.URL)
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return c
}

// NewClientFor is a browser-like client (own cookie jar, CSRF header echoed
// like NewClient) of any server, such as a built binary started by a test.
// It follows redirects.
func NewClientFor(base string) *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, Timeout: 20 * time.Second,
		Transport: &csrfTransport{base: http.DefaultTransport, jar: jar, url: base}}
}

// Stop shuts the appliance down and waits for it.
func (ta *App) Stop() {
	if ta.cancel == nil {
		return
	}
	ta.cancel()
	select {
	case err := <-ta.done:
		if err != nil {
			ta.T.Errorf("appliance stopped with: %v", err)
		}
	case <-time.After(30 * time.Second):
		ta.T.Error("appliance did not stop within 30s")
	}
	ta.cancel = nil
}

// Get fetches a path and returns status, headers and body.
func (ta *App) Get(path string, header ...string) (int, http.Header, string) {
	ta.T.Helper()
	req, _ := http.NewRequest(http.MethodGet, ta.URL+path, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	status, h, body := Do(ta.T, ta.Client, req)
	// Like Run, an /api/v1 JSON answer must match web/openapi.json.
	if err := checkResponse(http.MethodGet, path, status, h, body); err != nil {
		ta.T.Errorf("openapi: %v; body: %.400s", err, body)
	}
	return status, h, body
}

func Do(t *testing.T, c *http.Client, req *http.Request) (int, http.Header, string) {
	t.Helper()
	resp, err := c.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", req.Method, req.URL.Path, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 8<<20))
	return resp.StatusCode, resp.Header, string(body)
}

// Scenario is one API request and what must (and must not) come back.
type Scenario struct {
	Name        string
	Method      string
	Path        string
	Body        string
	Header      map[string]string
	Client      *http.Client
	WantStatus  int
	WantContent []string
	NotContent  []string
}

// Run performs each scenario against the app, and checks every JSON
// answer against the schema web/openapi.json documents for its route,
// method and status.
func (ta *App) Run(scenarios []Scenario) {
	ta.T.Helper()
	for _, sc := range scenarios {
		ta.T.Run(sc.Name, func(t *testing.T) {
			method := sc.Method
			if method == "" {
				method = http.MethodGet
			}
			var body io.Reader
			if sc.Body != "" {
				body = strings.NewReader(sc.Body)
			}
			req, _ := http.NewRequest(method, ta.URL+sc.Path, body)
			if sc.Body != "" {
				req.Header.Set("Content-Type", "application/json")
			}
			for k, v := range sc.Header {
				req.Header.Set(k, v)
			}
			c := sc.Client
			if c == nil {
				c = ta.Client
			}
			status, h, got := Do(t, c, req)
			// Every JSON answer must match web/openapi.json's schema for its
			// route, method and status.
			if err := checkResponse(method, sc.Path, status, h, got); err != nil {
				t.Errorf("openapi: %v; body: %.400s", err, got)
			}
			if status != sc.WantStatus {
				t.Errorf("%s %s: status %d, want %d; body: %.400s", method, sc.Path, status, sc.WantStatus, got)
			}
			for _, w := range sc.WantContent {
				if !strings.Contains(got, w) {
					t.Errorf("%s %s: body lacks %q; body: %.400s", method, sc.Path, w, got)
				}
			}
			for _, n := range sc.NotContent {
				if strings.Contains(got, n) {
					t.Errorf("%s %s: body must not contain %q; body: %.400s", method, sc.Path, n, got)
				}
			}
		})
	}
}

var (
	binOnce sync.Once
	binPath string
	binErr  error
)

// BuiltBinary compiles the real static binary once per test run.
func BuiltBinary(t *testing.T) string {
	t.Helper()
	binOnce.Do(func() {
		dir, err := os.MkdirTemp("", "animalgenius-bin-")
		if err != nil {
			binErr = err
			return
		}
		binPath = filepath.Join(dir, "animalgenius")
		cmd := exec.Command("go", "build", "-o", binPath, "animalgenius")
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
		if out, err := cmd.CombinedOutput(); err != nil {
			binErr = err
			binPath = string(out)
		}
	})
	if binErr != nil {
		t.Fatalf("go build: %v\n%s", binErr, binPath)
	}
	return binPath
}

// RunBin runs the built binary and returns its exit code and output.
func RunBin(t *testing.T, env []string, args ...string) (int, string) {
	t.Helper()
	bin := BuiltBinary(t) // built before the clock starts: a busy machine may take a while
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	// Tests stay off the network: no mDNS announcement (env may override).
	cmd.Env = append(append(os.Environ(), "AG_SERVER_MDNS=false"), env...)
	out, err := cmd.CombinedOutput()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("run %v: %v", args, err)
	}
	return code, string(out)
}
