package web_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"animalgenius/app/apptest"
	"animalgenius/app/config"
)

// Profiles are off unless configured, and then served to loopback callers
// only: never off loopback, never through a proxy, whatever the token.
func TestProfilingLoopbackOnly(t *testing.T) {
	off := apptest.Start(t, nil)
	if status, _, body := off.Get("/debug/pprof/"); strings.Contains(body, "goroutine") && status == http.StatusOK {
		t.Fatalf("profiles served while off: %d", status)
	}

	app := apptest.Start(t, func(c *config.Config) {
		c.Metrics.Profiling = true
		c.Metrics.Token = "s3cret-token"
	})
	status, _, body := app.Get("/debug/pprof/")
	if status != http.StatusOK || !strings.Contains(body, "goroutine") {
		t.Fatalf("profiles from loopback: %d %.200s", status, body)
	}
	req, _ := http.NewRequest(http.MethodGet, app.URL+"/debug/pprof/heap", nil)
	req.Header.Set("X-Forwarded-For", "203.0.113.9")
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != http.StatusForbidden {
		t.Fatalf("profiles through a proxy: %v %v", resp, err)
	} else {
		resp.Body.Close()
	}
	// fiber's in-memory test connection comes from 0.0.0.0, not loopback.
	tr := httptest.NewRequest(http.MethodGet, "/debug/pprof/heap", nil)
	tr.Header.Set("Authorization", "Bearer s3cret-token")
	resp, err := app.App.Server().App().Test(tr)
	if err != nil || resp.StatusCode != http.StatusForbidden {
		t.Fatalf("profiles off loopback with the metrics token: %v %v", resp, err)
	}
}
