package main

import (
	"animalgenius/app/apptest"
	"context"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// runBinInput runs the built binary with stdin and returns exit code and output.
func runBinInput(t *testing.T, stdin string, args ...string) (int, string) {
	t.Helper()
	bin := apptest.BuiltBinary(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = os.Environ()
	cmd.Stdin = strings.NewReader(stdin)
	out, err := cmd.CombinedOutput()
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode(), string(out)
	} else if err != nil {
		t.Fatalf("run %v: %v", args, err)
	}
	return 0, string(out)
}

func TestAdminCommands(t *testing.T) {
	dir := t.TempDir()
	data := "--data=" + dir
	code, out := runBinInput(t, "maple syrup on pancakes\n", "admin", "create", data, "--email", "Root@Hill.School", "--name", "Root Admin", "--password-stdin")
	if code != 0 || !strings.Contains(out, "created admin root@hill.school") {
		t.Fatalf("admin create: %d %s", code, out)
	}
	for _, tc := range []struct {
		stdin string
		args  []string
		code  int
		want  string
	}{
		{"another long password\n", []string{"--email", "root@hill.school"}, 1, "already exists"},
		{"short\n", []string{"--email", "two@hill.school"}, 1, "at least 10 characters"},
		{"password1234\n", []string{"--email", "two@hill.school"}, 1, "too common"},
		{"", []string{"--email", "two@hill.school"}, 2, "--password-stdin read no password"},
		{"maple syrup on pancakes\n", []string{"--email", "not-an-email"}, 1, "doesn't look like an email"},
	} {
		code, out := runBinInput(t, tc.stdin, append([]string{"admin", "create", data, "--password-stdin"}, tc.args...)...)
		if code != tc.code || !strings.Contains(out, tc.want) || strings.Contains(out, strings.TrimSpace(tc.stdin)+"\n") && tc.stdin != "" {
			t.Errorf("admin create %v: exit %d %q; want %d %q", tc.args, code, out, tc.code, tc.want)
		}
	}
	if code, out := runBinInput(t, "", "admin", "create", data, "--email", "two@hill.school"); code != 2 || !strings.Contains(out, "no terminal") {
		t.Errorf("no terminal, no --password-stdin: %d %s", code, out)
	}
	if code, out := runBinInput(t, "", "admin", "create", data); code != 2 || !strings.Contains(out, "needs --email") {
		t.Errorf("no email: %d %s", code, out)
	}
	code, out = runBinInput(t, "", "admin", "list", data)
	if code != 0 || !strings.Contains(out, "root@hill.school") || !strings.Contains(out, "Root Admin") || !strings.Contains(out, "admin") {
		t.Fatalf("admin list: %d %s", code, out)
	}

	// The commands work while the server runs on the same data directory.
	sb := startBinary(t, dir)
	defer sb.stop(t)
	code, out = runBinInput(t, "", "admin", "reset-password", data, "--email", "ROOT@hill.school")
	i := strings.Index(out, "/reset/")
	if code != 0 || i < 0 {
		t.Fatalf("reset-password: %d %s", code, out)
	}
	token := strings.TrimSpace(out[i+len("/reset/"):])
	client := &http.Client{Timeout: 10 * time.Second}
	req, _ := http.NewRequest(http.MethodGet, sb.url+"/api/v1/version", nil)
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	var csrf string
	for _, c := range resp.Cookies() {
		if c.Name == "ag_csrf" {
			csrf = c.Value
		}
	}
	post := func(path, body string) (int, string) {
		req, _ := http.NewRequest(http.MethodPost, sb.url+path, strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-CSRF-Token", csrf)
		req.AddCookie(&http.Cookie{Name: "ag_csrf", Value: csrf})
		status, _, body := apptest.Do(t, client, req)
		return status, body
	}
	if status, body := post("/api/v1/auth/link", `{"token":"`+token+`"}`); status != 200 || !strings.Contains(body, `"purpose":"reset"`) {
		t.Fatalf("printed link on the running server: %d %s", status, body)
	}
	if code, out := runBinInput(t, "a fresh password from the shell\n", "admin", "reset-password", data, "--email", "root@hill.school", "--password-stdin"); code != 0 {
		t.Fatalf("reset-password --password-stdin: %d %s", code, out)
	}
	if status, body := post("/api/v1/auth/login", `{"email":"root@hill.school","password":"a fresh password from the shell"}`); status != 200 {
		t.Fatalf("login with the password set from the shell: %d %s", status, body)
	}
	if code, out := runBinInput(t, "", "admin", "reset-password", data, "--email", "ghost@hill.school"); code != 1 || !strings.Contains(out, "no account") {
		t.Errorf("unknown email: %d %s", code, out)
	}
}
