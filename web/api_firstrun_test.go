package web_test

import (
	"animalgenius/app/apptest"
	"strings"
	"testing"
	"time"
)

// The first start logs a one-time setup link, and loading it keeps the token out of the request log.
func TestFirstRunLogsSetupLink(t *testing.T) {
	ta, logs := apptest.StartLogged(t)
	url := ta.WaitSetupURL()
	if !strings.HasPrefix(url, ta.URL+"/setup/") {
		t.Fatalf("setup link %q", url)
	}
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(logs.String(), "setup_link="+url) && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	line := logs.String()
	if !strings.Contains(line, "level=WARN") || !strings.Contains(line, "setup_link="+url) || !strings.Contains(line, "admin create") {
		t.Fatalf("the log lacks the setup link:\n%s", line)
	}
	// Page loads of the link keep the token out of the request log.
	if status, _, _ := ta.Get(strings.TrimPrefix(url, ta.URL)); status != 200 {
		t.Fatalf("setup page: %d", status)
	}
	deadline = time.Now().Add(5 * time.Second)
	for !strings.Contains(logs.String(), "path=/setup/[token]") && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	token := url[strings.LastIndexByte(url, '/')+1:]
	if n := strings.Count(logs.String(), token); n != 1 {
		t.Fatalf("the token appears %d times in the log, want only in the setup line:\n%s", n, logs.String())
	}
}
