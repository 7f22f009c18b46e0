package web_test

import (
	appliance "animalgenius/app"
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"animalgenius/app/apptest"
	"animalgenius/app/config"
)

func TestFoundationHTTP(t *testing.T) {
	app := apptest.Start(t, nil)
	app.Run([]apptest.Scenario{
		{Name: "healthz", Path: "/healthz", WantStatus: 200, WantContent: []string{`"status":"ok"`}},
		{Name: "readyz", Path: "/readyz", WantStatus: 200, WantContent: []string{`"ready"`}},
		{Name: "metrics from loopback", Path: "/metrics", WantStatus: 200, WantContent: []string{
			"go_goroutines", "animalgenius_http_request_duration_seconds", "go_sql_max_open_connections",
			"animalgenius_db_writer_wait_seconds", "animalgenius_jobs_queue_depth",
			"animalgenius_db_commits_total", "animalgenius_db_write_groups_total", "animalgenius_db_grouped_writes_total"}},
		{Name: "unknown api path is JSON 404", Path: "/api/v1/nothing-here", WantStatus: 404,
			WantContent: []string{`{"error":{"code":"not_found","message":`}},
		{Name: "version", Path: "/api/v1/version", WantStatus: 200, WantContent: []string{`"version"`}},
		// The shell names the content-hashed app.js (web/static.go).
		{Name: "landing page", Path: "/", WantStatus: 200, WantContent: []string{"<!doctype html", `src="/assets/app.`}, NotContent: []string{`"/assets/app.js"`}},
		{Name: "client route gets the shell", Path: "/join/ABC234", WantStatus: 200, WantContent: []string{`src="/assets/app.`}},
		{Name: "missing asset is 404", Path: "/assets/nope.js", WantStatus: 404, WantContent: []string{`"not_found"`}},
	})
}

// TestOversizedBodyRefused announces a body over the limit and checks the
// server refuses it from the headers alone, without reading (or buffering) it.
func TestOversizedBodyRefused(t *testing.T) {
	app := apptest.Start(t, nil)
	conn, err := net.Dial("tcp", strings.TrimPrefix(app.URL, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	fmt.Fprintf(conn, "POST /api/v1/version HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n{\"x\":", 2<<20)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(string(body), `"body_too_large"`) {
		t.Fatalf("oversized body: %d %s", resp.StatusCode, body)
	}
}

func TestSecurityHeadersAndETags(t *testing.T) {
	app := apptest.Start(t, nil)
	status, h, _ := app.Get("/")
	if status != 200 {
		t.Fatalf("status %d", status)
	}
	csp := h.Get("Content-Security-Policy")
	for _, want := range []string{"default-src 'self'", "script-src 'self'", "frame-ancestors 'none'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("CSP %q lacks %q", csp, want)
		}
	}
	if strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "http:") || strings.Contains(csp, "*") {
		t.Errorf("CSP allows more than our own origin: %q", csp)
	}
	if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("X-Request-Id") == "" {
		t.Errorf("missing headers: %v", h)
	}
	status, h, _ = app.Get("/assets/app.js")
	etag := h.Get("ETag")
	if status != 200 || etag == "" || h.Get("Cache-Control") != "no-cache" {
		t.Fatalf("asset: %d etag=%q cache=%q", status, etag, h.Get("Cache-Control"))
	}
	if !strings.HasPrefix(h.Get("Content-Type"), "text/javascript") {
		t.Errorf("js content type %q", h.Get("Content-Type"))
	}
	status, _, body := app.Get("/assets/app.js", "If-None-Match", etag)
	if status != http.StatusNotModified || body != "" {
		t.Fatalf("revalidation: status %d, body %d bytes", status, len(body))
	}
}

func TestMetricsNeedTokenOffLoopback(t *testing.T) {
	app := apptest.Start(t, func(c *config.Config) { c.Metrics.Token = "s3cret-token" })
	fiberApp := app.App.Server().App()
	// fiber's in-memory test connection comes from 0.0.0.0, not loopback.
	req := httptest.NewRequest(http.MethodGet, "/metrics", nil)
	resp, err := fiberApp.Test(req)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusForbidden {
		t.Fatalf("metrics without token off loopback: %d", resp.StatusCode)
	}
	req = httptest.NewRequest(http.MethodGet, "/metrics", nil)
	req.Header.Set("Authorization", "Bearer wrong")
	if resp, _ := fiberApp.Test(req); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("metrics with a wrong token: %d", resp.StatusCode)
	}
	req = httptest.NewRequest(http.MethodGet, "/metrics", nil)
	req.Header.Set("Authorization", "Bearer s3cret-token")
	if resp, _ := fiberApp.Test(req); resp.StatusCode != http.StatusOK {
		t.Fatalf("metrics with the token: %d", resp.StatusCode)
	}
}

func TestReadyzFailsWhenDiskNearlyFull(t *testing.T) {
	app := apptest.Start(t, func(c *config.Config) { c.Server.MinFreeDiskMB = 1 << 30 })
	status, _, body := app.Get("/readyz")
	if status != http.StatusServiceUnavailable || !strings.Contains(body, "disk nearly full") {
		t.Fatalf("readyz with a full disk: %d %s", status, body)
	}
}

func TestSecondServeOnSameDataDirRefused(t *testing.T) {
	app := apptest.Start(t, nil)
	cfg := apptest.Config(t)
	cfg.Server.DataDir = app.Dir
	_, err := appliance.Open(cfg, app.App.Logger())
	if err == nil || !strings.Contains(err.Error(), "in use by another animalgenius process") {
		t.Fatalf("second appliance on the same data dir: %v", err)
	}
}
